package dev.sandbox4j.local.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One client's TCP connection and the bytes received on it that no request has consumed yet.
 *
 * <p>While it waits for a request head it belongs to the server's selector thread (non-blocking);
 * while a handler serves an exchange it belongs to that handler (blocking I/O); then it goes back
 * to the selector for the next request or is closed. {@link #close()} is idempotent and always
 * releases the socket and forgets the connection: the one way a connection ends.
 */
final class ClientConnection {

  /** Where a connection is in its life; only the selector thread reads it for expiry. */
  enum Phase {
    /** Waiting for (the rest of) a request head, or a small body, on the selector. */
    READING_REQUEST,
    /** Owned by a handler thread. */
    SERVING,
    /** Output shut down; reading and discarding what the client still sends before closing. */
    DRAINING
  }

  final SocketChannel channel;
  private final Consumer<ClientConnection> onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private byte[] pending = new byte[0];
  private int pendingStart;
  private int pendingEnd;
  volatile Phase phase = Phase.READING_REQUEST;

  /** When the selector closes the connection unless its phase changes first (System.nanoTime). */
  long deadlineNanos;

  boolean continueSent;

  /** A complete request head on its way from the selector to a handler. */
  RequestHead pendingHead;

  ClientConnection(SocketChannel channel, Consumer<ClientConnection> onClose) {
    this.channel = channel;
    this.onClose = onClose;
  }

  /** Appends bytes just read from the socket. */
  void append(ByteBuffer bytes) {
    int count = bytes.remaining();
    if (pendingEnd + count > pending.length) {
      int live = pendingEnd - pendingStart;
      byte[] grown =
          new byte[Math.max(live + count, Math.min(2 * pending.length, live + count + 8192))];
      System.arraycopy(pending, pendingStart, grown, 0, live);
      pending = grown;
      pendingStart = 0;
      pendingEnd = live;
    }
    bytes.get(pending, pendingEnd, count);
    pendingEnd += count;
  }

  int pendingLength() {
    return pendingEnd - pendingStart;
  }

  /** True when nothing of a new request has arrived yet. */
  boolean idle() {
    return pendingLength() == 0;
  }

  byte pendingByte(int index) {
    return pending[pendingStart + index];
  }

  /** The end of the request head (index after its blank line), or -1 if it is not complete yet. */
  int headEnd() {
    for (int i = pendingStart; i < pendingEnd; i++) {
      if (pending[i] == '\n') {
        if (i + 1 < pendingEnd && pending[i + 1] == '\n') {
          return i + 2 - pendingStart;
        }
        if (i + 2 < pendingEnd && pending[i + 1] == '\r' && pending[i + 2] == '\n') {
          return i + 3 - pendingStart;
        }
      }
    }
    return -1;
  }

  /** Removes and returns the first {@code count} pending bytes. */
  byte[] take(int count) {
    byte[] taken = Arrays.copyOfRange(pending, pendingStart, pendingStart + count);
    pendingStart += count;
    if (pendingStart == pendingEnd) {
      pending = new byte[0];
      pendingStart = 0;
      pendingEnd = 0;
    }
    return taken;
  }

  /** Forgets the pending bytes (a draining connection discards what it reads). */
  void discardPending() {
    take(pendingLength());
  }

  /**
   * A blocking stream of the connection's bytes: what is pending first, then the socket. Only for
   * the handler that owns the connection; the channel must be in blocking mode.
   */
  InputStream input() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
          return 0;
        }
        int live = pendingLength();
        if (live > 0) {
          int count = Math.min(live, length);
          System.arraycopy(take(count), 0, buffer, offset, count);
          return count;
        }
        return channel.read(ByteBuffer.wrap(buffer, offset, length));
      }
    };
  }

  /** Writes all of {@code bytes} to a blocking channel. */
  void write(byte[] bytes, int offset, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Closes the socket and forgets the connection. Idempotent, safe from any thread. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing left to do for a socket that cannot even close
    }
    onClose.accept(this);
  }
}
