package dev.sandbox4j;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes a {@code metadata} query parameter the way the API server does (docs/control-plane.md):
 * the framework unescapes the parameter once, the handler unescapes the whole string, splits on
 * {@code &} and {@code =}, and unescapes each key and value again. Written independently of the
 * SDK's encoder so that the two check each other.
 */
final class ServerStyleMetadataDecoder {
  private ServerStyleMetadataDecoder() {}

  /** Decodes the raw (still percent-encoded) query string of a list request. */
  static Map<String, String> decodeFromRawQuery(String rawQuery) {
    String parameter = null;
    for (String part : rawQuery.split("&")) {
      if (part.startsWith("metadata=")) {
        parameter = part.substring("metadata=".length());
      }
    }
    if (parameter == null) {
      throw new IllegalArgumentException("no metadata parameter in " + rawQuery);
    }
    String filter = queryUnescape(queryUnescape(parameter));
    Map<String, String> result = new LinkedHashMap<>();
    for (String pair : filter.split("&", -1)) {
      String[] kv = pair.split("=", -1);
      if (kv.length != 2) {
        throw new IllegalArgumentException("invalid key value pair: " + pair);
      }
      result.put(queryUnescape(kv[0]), queryUnescape(kv[1]));
    }
    return result;
  }

  /** Like Go's url.QueryUnescape: %XX to bytes, '+' to space, malformed escapes rejected. */
  static String queryUnescape(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("bad escape in " + s);
        }
        bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
