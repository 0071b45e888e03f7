package dev.sandbox4j.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Encodes the list endpoint's {@code metadata} filter exactly as the official SDKs do.
 *
 * <p>Each key and value is percent-encoded (like JS {@code encodeURIComponent}), then the pairs are
 * joined into {@code k=v&k2=v2} while being form-encoded again (like {@code URLSearchParams}). The
 * HTTP layer encodes the whole value a third time as a query parameter. The server decodes three
 * times, so a literal {@code & = % +} in a key or value survives only with all three layers.
 */
public final class MetadataFilter {
  private MetadataFilter() {}

  /** Returns the filter string to pass as the {@code metadata} query parameter, unencoded. */
  public static String encode(Map<String, String> metadata) {
    StringJoiner pairs = new StringJoiner("&");
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      pairs.add(
          formEncode(encodeUriComponent(entry.getKey()))
              + "="
              + formEncode(encodeUriComponent(entry.getValue())));
    }
    return pairs.toString();
  }

  /**
   * Percent-encodes like JS {@code encodeURIComponent}: everything but {@code A-Z a-z 0-9 - _ . ! ~
   * * ' ( )}.
   */
  static String encodeUriComponent(String value) {
    // URLEncoder keeps A-Z a-z 0-9 . - * _ and turns space into '+'; fix up the differences.
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%21", "!")
        .replace("%27", "'")
        .replace("%28", "(")
        .replace("%29", ")")
        .replace("%7E", "~");
  }

  /**
   * Form-encodes like {@code URLSearchParams}, whose safe set ({@code A-Z a-z 0-9 * - . _}) is
   * exactly {@link URLEncoder}'s.
   */
  static String formEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
