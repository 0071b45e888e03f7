package dev.sandbox4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8StreamDecoderTest {

  @Test
  void holdsBackASplitCharacterUntilItIsWhole() {
    byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8); // four bytes
    Utf8StreamDecoder decoder = new Utf8StreamDecoder();

    assertThat(decoder.decode(new byte[] {'a', emoji[0]})).isEqualTo("a");
    assertThat(decoder.decode(new byte[] {emoji[1], emoji[2]})).isEmpty();
    assertThat(decoder.decode(new byte[] {emoji[3], 'b'})).isEqualTo("😀b");
    assertThat(decoder.finish()).isEmpty();
  }

  @Test
  void malformedAndTruncatedBytesBecomeReplacementCharacters() {
    Utf8StreamDecoder decoder = new Utf8StreamDecoder();

    assertThat(decoder.decode(new byte[] {'x', (byte) 0xff, 'y'})).isEqualTo("x\uFFFDy");
    assertThat(decoder.decode(new byte[] {(byte) 0xc3})).isEmpty();
    assertThat(decoder.finish()).isEqualTo("\uFFFD");
  }
}
