package dev.sandbox4j.local.internal.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamDecoderTest {

  @Test
  void aCharacterSplitAcrossChunksArrivesWhole() {
    byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8); // four bytes
    StreamDecoder decoder = new StreamDecoder();

    assertThat(decoder.decode(new byte[] {'a', emoji[0]})).isEqualTo("a");
    assertThat(decoder.decode(new byte[] {emoji[1], emoji[2]})).isEmpty();
    assertThat(decoder.decode(new byte[] {emoji[3], 'b'})).isEqualTo("😀b");
    assertThat(decoder.finish()).isEmpty();
  }

  @Test
  void bytesThatAreNotUtf8BecomeReplacementCharacters() {
    StreamDecoder decoder = new StreamDecoder();

    assertThat(decoder.decode(new byte[] {(byte) 0xff, 'x', (byte) 0xc3})).isEqualTo("\uFFFDx");
    assertThat(decoder.finish()).isEqualTo("\uFFFD"); // an incomplete character at the end
    assertThat(decoder.decode("é".getBytes(StandardCharsets.UTF_8))).isEqualTo("é"); // reset
  }
}
