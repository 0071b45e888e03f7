package dev.sandbox4j.local.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes the {@code metadata} list filter the way the real server's {@code parseFilters} does.
 *
 * <p>The official SDKs encode every key and value, encode the joined {@code k=v&k2=v2} string
 * again, and the HTTP layer encodes the whole parameter a third time. The mirror image, starting
 * from the value {@link QueryParameters} already decoded once:
 *
 * <ol>
 *   <li>query-unescape the whole string;
 *   <li>split on {@code &}, then each piece on {@code =}; a piece that is not exactly one {@code
 *       k=v} is a 400 "invalid key value pair";
 *   <li>query-unescape each key and each value again.
 * </ol>
 *
 * <p>Because keys and values were encoded twice inside the string, a literal {@code & = % +} in
 * them survives. Matching is exact string equality on every pair (AND).
 */
final class MetadataFilter {

  private MetadataFilter() {}

  /**
   * Returns the pairs a sandbox must all carry. An empty parameter (what the official SDKs send for
   * an empty metadata map) is a 400, as on the real server: it is not one {@code k=v} pair.
   */
  static Map<String, String> parse(String onceDecoded) {
    Map<String, String> pairs = new LinkedHashMap<>();
    try {
      String joined = PercentDecoding.queryUnescape(onceDecoded);
      for (String piece : joined.split("&", -1)) {
        String[] keyAndValue = piece.split("=", -1);
        if (keyAndValue.length != 2) {
          throw ApiProblem.badRequest("Error parsing metadata: invalid key value pair: " + piece);
        }
        pairs.put(
            PercentDecoding.queryUnescape(keyAndValue[0]),
            PercentDecoding.queryUnescape(keyAndValue[1]));
      }
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("Error parsing metadata: " + e.getMessage());
    }
    return Collections.unmodifiableMap(pairs);
  }
}
