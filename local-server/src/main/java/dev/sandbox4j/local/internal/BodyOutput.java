package dev.sandbox4j.local.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A response body written to its connection: none, exactly {@code Content-Length} bytes, or chunks.
 * Closing it (or {@link #finish()}) ends the body; it never closes the connection, which the
 * exchange decides.
 */
abstract class BodyOutput extends OutputStream {

  /** False when the response said {@code Connection: close}. */
  boolean keepConnection = true;

  private boolean finished;
  private boolean complete;

  static BodyOutput none() {
    return new BodyOutput() {
      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > 0) {
          throw new IOException("this response has no body");
        }
      }

      @Override
      boolean end() {
        return true;
      }
    };
  }

  static BodyOutput fixed(ClientConnection connection, long length) {
    return new BodyOutput() {
      private long remaining = length;

      @Override
      public void write(byte[] bytes, int offset, int count) throws IOException {
        if (count > remaining) {
          throw new IOException("more bytes than the Content-Length of " + length);
        }
        connection.write(bytes, offset, count);
        remaining -= count;
      }

      @Override
      boolean end() {
        return remaining == 0;
      }
    };
  }

  static BodyOutput chunked(ClientConnection connection) {
    return new BodyOutput() {
      @Override
      public void write(byte[] bytes, int offset, int count) throws IOException {
        if (count == 0) {
          return;
        }
        byte[] size = (Integer.toHexString(count) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        connection.write(size, 0, size.length);
        connection.write(bytes, offset, count);
        connection.write(CRLF, 0, CRLF.length);
      }

      @Override
      boolean end() throws IOException {
        byte[] last = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        connection.write(last, 0, last.length);
        return true;
      }
    };
  }

  private static final byte[] CRLF = {'\r', '\n'};

  /** Writes what ends the body; true when the body is complete. */
  abstract boolean end() throws IOException;

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  /** Ends the body once; true when it was complete. */
  boolean finish() throws IOException {
    if (!finished) {
      finished = true;
      complete = end();
    }
    return complete;
  }

  @Override
  public void close() throws IOException {
    if (!finish()) {
      throw new IOException("the response body ended before its Content-Length");
    }
  }
}
