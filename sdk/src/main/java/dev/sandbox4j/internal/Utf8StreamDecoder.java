package dev.sandbox4j.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one output stream's chunks as UTF-8, holding back the bytes of a character that a chunk
 * boundary split so that it arrives whole with the next chunk. Malformed bytes become U+FFFD. Not
 * thread-safe: one instance per stream, used by its reader.
 */
public final class Utf8StreamDecoder {
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer pending = ByteBuffer.allocate(0);

  /** Returns the whole characters the chunk completes; an incomplete tail waits for more. */
  public String decode(byte[] chunk) {
    ByteBuffer input = ByteBuffer.allocate(pending.remaining() + chunk.length);
    input.put(pending).put(chunk).flip();
    CharBuffer out = CharBuffer.allocate((int) (input.remaining() * 1.1) + 4);
    decoder.decode(input, out, false);
    pending = input.slice();
    return out.flip().toString();
  }

  /** Returns what is left when the stream ends: an incomplete character becomes U+FFFD. */
  public String finish() {
    CharBuffer out = CharBuffer.allocate(pending.remaining() + 4);
    decoder.decode(pending, out, true);
    decoder.flush(out);
    pending = ByteBuffer.allocate(0);
    decoder.reset();
    return out.flip().toString();
  }
}
