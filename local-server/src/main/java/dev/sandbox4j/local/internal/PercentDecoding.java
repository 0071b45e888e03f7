package dev.sandbox4j.local.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding with the rules of Go's {@code net/url}, which the real server uses.
 *
 * <p>{@code java.net.URLDecoder} is not used because it silently accepts some malformed escapes and
 * has no path mode; here every {@code %} must be followed by two hex digits, and only query
 * decoding turns {@code +} into a space.
 */
final class PercentDecoding {

  private PercentDecoding() {}

  /** Decodes like Go's {@code url.QueryUnescape}: {@code %XX} escapes and {@code +} as space. */
  static String queryUnescape(String text) {
    return decode(text, true);
  }

  /** Decodes like Go's {@code url.PathUnescape}: {@code %XX} escapes, {@code +} stays. */
  static String pathUnescape(String text) {
    return decode(text, false);
  }

  private static String decode(String text, boolean plusIsSpace) {
    if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
      return text;
    }
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '%') {
        if (i + 2 >= in.length) {
          throw new IllegalArgumentException("invalid URL escape at the end of \"" + text + "\"");
        }
        int high = Character.digit(in[i + 1], 16);
        int low = Character.digit(in[i + 2], 16);
        if (high < 0 || low < 0) {
          throw new IllegalArgumentException("invalid URL escape in \"" + text + "\"");
        }
        out.write(high << 4 | low);
        i += 2;
      } else if (b == '+' && plusIsSpace) {
        out.write(' ');
      } else {
        out.write(b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
