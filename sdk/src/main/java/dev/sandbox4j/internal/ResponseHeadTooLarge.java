package dev.sandbox4j.internal;

import java.io.EOFException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes OkHttp refusing a response head over its fixed limit (256 KiB of header lines: a flood
 * of headers, one huge header line, a huge token). OkHttp reports it like a connection closed
 * mid-head, as okio's "\n not found: limit=N content=HEX" end of stream; the two differ in what was
 * buffered. Over the limit, okio had more bytes than the limit it was given; cut short, the limit
 * it names is all it had.
 */
final class ResponseHeadTooLarge {
  static final String DESCRIPTION = "the response headers are over the limit of 256 KiB";
  private static final Pattern OKIO_LINE_LIMIT =
      Pattern.compile("\\\\n not found: limit=(\\d+) content=([0-9a-f]*)");

  /** A line this long unterminated is over any head limit, whatever okio had buffered. */
  private static final long SURELY_OVER = 64 * 1024;

  private ResponseHeadTooLarge() {}

  /** Returns whether the throwable, or one of its causes, is a response head over the limit. */
  static boolean isCause(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof EOFException && t.getMessage() != null) {
        Matcher m = OKIO_LINE_LIMIT.matcher(t.getMessage());
        if (m.find()) {
          long limit = Long.parseLong(m.group(1));
          long shown = m.group(2).length() / 2;
          return shown > limit || limit >= SURELY_OVER;
        }
      }
    }
    return false;
  }
}
