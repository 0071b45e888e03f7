package dev.sandbox4j.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.BufferedSource;

/**
 * Reads newline-delimited JSON objects (the code interpreter's output stream) one line at a time as
 * they arrive, with a bound on a line's length. Blank lines are skipped; a last line without a
 * newline still counts.
 */
public final class NdjsonReader {
  /** A bound on one line: a chart or image result is large, a broken server unbounded. */
  public static final long MAX_LINE_BYTES = 64L * 1024 * 1024;

  private final BufferedSource source;

  public NdjsonReader(BufferedSource source) {
    this.source = source;
  }

  /**
   * Returns the next object, or null at the end of the stream.
   *
   * @throws ConnectProtocolException when a line is not a JSON object or is too long
   */
  public JsonObject next() throws IOException {
    while (true) {
      if (source.exhausted()) {
        return null;
      }
      long newline = source.indexOf((byte) '\n', 0, MAX_LINE_BYTES + 1);
      String line;
      if (newline >= 0) {
        line = source.readString(newline, StandardCharsets.UTF_8);
        source.skip(1);
      } else {
        try {
          source.require(MAX_LINE_BYTES + 1);
          throw new ConnectProtocolException(
              "an output line is longer than " + MAX_LINE_BYTES + " bytes");
        } catch (EOFException lastLine) {
          line = source.readUtf8();
        }
      }
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonElement parsed = JsonParser.parseString(line);
        if (parsed.isJsonObject()) {
          return parsed.getAsJsonObject();
        }
      } catch (RuntimeException notJson) {
        throw new ConnectProtocolException("an output line is not JSON", notJson);
      }
      throw new ConnectProtocolException("an output line is not a JSON object");
    }
  }
}
