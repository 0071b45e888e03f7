package dev.sandbox4j.local.internal.interpreter;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one output stream's bytes as UTF-8, chunk by chunk: a character split between chunks
 * arrives whole, and bytes that are not UTF-8 become U+FFFD instead of failing.
 */
final class StreamDecoder {

  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer pending = ByteBuffer.allocate(0);

  /** The text of {@code bytes}, holding back an incomplete character at the end. */
  String decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.allocate(pending.remaining() + bytes.length);
    in.put(pending).put(bytes).flip();
    CharBuffer out =
        CharBuffer.allocate((int) (in.remaining() * (double) decoder.maxCharsPerByte()) + 1);
    decoder.decode(in, out, false);
    pending = in.slice();
    return out.flip().toString();
  }

  /** The text still held back (an incomplete character becomes U+FFFD); the decoder is reset. */
  String finish() {
    CharBuffer out = CharBuffer.allocate(pending.remaining() * 2 + 2);
    decoder.decode(pending, out, true);
    decoder.flush(out);
    decoder.reset();
    pending = ByteBuffer.allocate(0);
    return out.flip().toString();
  }
}
