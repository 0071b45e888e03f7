package dev.sandbox4j.local.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read from its connection: exactly {@code Content-Length} bytes, or the chunks of a
 * chunked body (trailers discarded). It never reads past the body, so the connection's next request
 * stays intact; a body cut short or badly framed is an {@link IOException}.
 */
abstract class BodyInput extends InputStream {

  private static final int MAX_CHUNK_LINE = 4096;

  final InputStream connection;

  private BodyInput(InputStream connection) {
    this.connection = connection;
  }

  static BodyInput fixed(InputStream connection, long length) {
    return new BodyInput(connection) {
      private long remaining = length;

      @Override
      public int read(byte[] buffer, int offset, int count) throws IOException {
        if (remaining == 0) {
          return -1;
        }
        int read = connection.read(buffer, offset, (int) Math.min(count, remaining));
        if (read < 0) {
          throw new IOException("the client ended the body " + remaining + " bytes early");
        }
        remaining -= read;
        return read;
      }

      @Override
      boolean atEnd() {
        return remaining == 0;
      }
    };
  }

  static BodyInput chunked(InputStream connection) {
    return new BodyInput(connection) {
      private long chunkLeft;
      private boolean done;

      @Override
      public int read(byte[] buffer, int offset, int count) throws IOException {
        if (done) {
          return -1;
        }
        if (chunkLeft == 0) {
          chunkLeft = chunkSize(line());
          if (chunkLeft == 0) {
            while (!line().isEmpty()) {
              // trailers are read and ignored
            }
            done = true;
            return -1;
          }
        }
        int read = connection.read(buffer, offset, (int) Math.min(count, chunkLeft));
        if (read < 0) {
          throw new IOException("the client ended a chunked body early");
        }
        chunkLeft -= read;
        if (chunkLeft == 0 && !line().isEmpty()) {
          throw new IOException("a chunk is longer than its size");
        }
        return read;
      }

      @Override
      boolean atEnd() {
        return done;
      }
    };
  }

  /** True once the whole body has been read. */
  abstract boolean atEnd();

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  /** Reads one CRLF- (or LF-) terminated line, without its end. */
  String line() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = connection.read();
      if (c < 0) {
        throw new IOException("the client ended a chunked body early");
      }
      if (c == '\n') {
        int length = line.length();
        return length > 0 && line.charAt(length - 1) == '\r'
            ? line.substring(0, length - 1)
            : line.toString();
      }
      if (line.length() >= MAX_CHUNK_LINE) {
        throw new IOException("a chunk header line is too long");
      }
      line.append((char) c);
    }
  }

  static long chunkSize(String line) throws IOException {
    int extension = line.indexOf(';');
    String hex = (extension < 0 ? line : line.substring(0, extension)).trim();
    if (hex.isEmpty() || hex.length() > 15) {
      throw new IOException("malformed chunk size");
    }
    try {
      return Long.parseLong(hex, 16);
    } catch (NumberFormatException e) {
      throw new IOException("malformed chunk size");
    }
  }
}
