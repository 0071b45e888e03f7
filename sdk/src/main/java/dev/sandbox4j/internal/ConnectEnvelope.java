package dev.sandbox4j.internal;

import java.io.EOFException;
import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;

/**
 * One message of a Connect stream: a flags byte, a four-byte big-endian length, then the payload.
 * Streams of the daemon carry JSON payloads and end with a message flagged {@link
 * #FLAG_END_STREAM}.
 */
final class ConnectEnvelope {
  /** The payload is compressed (never negotiated by sandbox4j, so refused). */
  public static final int FLAG_COMPRESSED = 0x01;

  /** The final message of a stream: {@code {}} or an error. */
  public static final int FLAG_END_STREAM = 0x02;

  /** A bound on one message, so that a broken length cannot make the client allocate gigabytes. */
  public static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

  private final int flags;
  private final byte[] payload;

  public ConnectEnvelope(int flags, byte[] payload) {
    this.flags = flags;
    this.payload = payload;
  }

  public int flags() {
    return flags;
  }

  public byte[] payload() {
    return payload;
  }

  public boolean endStream() {
    return (flags & FLAG_END_STREAM) != 0;
  }

  /** Returns the payload framed as one envelope with no flags. */
  public static byte[] encode(byte[] payload) {
    Buffer buffer = new Buffer();
    buffer.writeByte(0);
    buffer.writeInt(payload.length);
    buffer.write(payload);
    return buffer.readByteArray();
  }

  /**
   * Reads the next envelope, blocking until all its bytes arrived however they were split across
   * reads.
   *
   * @return the envelope, or null when the source ended cleanly before a new one began
   * @throws ConnectProtocolException when the bytes are not a valid envelope
   * @throws IOException when reading fails or the source ends inside an envelope
   */
  public static ConnectEnvelope read(BufferedSource source) throws IOException {
    if (source.exhausted()) {
      return null;
    }
    int flags = source.readByte() & 0xff;
    long length;
    try {
      length = source.readInt() & 0xffffffffL;
    } catch (EOFException e) {
      throw new ConnectProtocolException("the stream ended inside a message header");
    }
    if ((flags & FLAG_COMPRESSED) != 0) {
      throw new ConnectProtocolException("the server sent a compressed message, never asked for");
    }
    if (length > MAX_PAYLOAD_BYTES) {
      throw new ConnectProtocolException(
          "a stream message of " + length + " bytes exceeds the limit of " + MAX_PAYLOAD_BYTES);
    }
    try {
      source.require(length);
    } catch (EOFException e) {
      throw new ConnectProtocolException(
          "the stream ended inside a message of " + length + " bytes");
    }
    return new ConnectEnvelope(flags, source.readByteArray(length));
  }
}
