package dev.sandbox4j.local;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The metadata filter encoding of the official JS SDKs, re-implemented for the tests from the
 * description in docs/control-plane.md ("Metadata filter"): {@code encodeURIComponent} on each key
 * and value, {@code URLSearchParams} on the joined pairs, then the HTTP layer's {@code
 * encodeURIComponent} on the whole parameter value.
 */
final class OfficialMetadataEncoding {

  /** Characters {@code encodeURIComponent} leaves alone besides letters and digits. */
  private static final String URI_COMPONENT_SAFE = "-_.!~*'()";

  /** Characters the form-urlencoded serializer leaves alone besides letters and digits. */
  private static final String FORM_SAFE = "*-._";

  private OfficialMetadataEncoding() {}

  /** The full query parameter, e.g. {@code metadata=a%25252Bb%3D...}. */
  static String queryParameter(Map<String, String> metadata) {
    return "metadata=" + encodeUriComponent(joinedPairs(metadata));
  }

  /** The parameter value before the HTTP layer encodes it: what an SDK hands its HTTP client. */
  static String joinedPairs(Map<String, String> metadata) {
    StringJoiner joined = new StringJoiner("&");
    metadata.forEach(
        (key, value) ->
            joined.add(form(encodeUriComponent(key)) + "=" + form(encodeUriComponent(value))));
    return joined.toString();
  }

  /** The same filter, wrongly encoded only once (what a naive client sends). */
  static String singleEncodedQueryParameter(Map<String, String> metadata) {
    StringJoiner joined = new StringJoiner("&");
    metadata.forEach((key, value) -> joined.add(key + "=" + value));
    return "metadata=" + encodeUriComponent(joined.toString());
  }

  static String encodeUriComponent(String text) {
    return percentEncode(text, URI_COMPONENT_SAFE, false);
  }

  private static String form(String text) {
    return percentEncode(text, FORM_SAFE, true);
  }

  private static String percentEncode(String text, String safe, boolean spaceAsPlus) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || safe.indexOf(c) >= 0)) {
        out.append((char) c);
      } else if (c == ' ' && spaceAsPlus) {
        out.append('+');
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
