package dev.sandbox4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

class ConnectEnvelopeTest {

  /** A source that hands out at most one byte per read, like the worst TCP segmentation. */
  private static BufferedSource trickle(Buffer data) {
    return Okio.buffer(
        new Source() {
          @Override
          public long read(Buffer sink, long byteCount) throws IOException {
            return data.exhausted() ? -1 : data.read(sink, 1);
          }

          @Override
          public Timeout timeout() {
            return Timeout.NONE;
          }

          @Override
          public void close() {}
        });
  }

  @Test
  void encodesFlagsAndBigEndianLength() {
    byte[] json = "{\"event\":{\"start\":{\"pid\":42}}}".getBytes(StandardCharsets.UTF_8);
    assertThat(json).hasSize(30);
    ByteString framed = ByteString.of(ConnectEnvelope.encode(json));
    assertThat(framed.substring(0, 5).hex()).isEqualTo("000000001e");
    assertThat(framed.substring(5).utf8()).isEqualTo(new String(json, StandardCharsets.UTF_8));
  }

  @Test
  void readsEnvelopesWhateverTheReadBoundaries() throws IOException {
    Buffer data = new Buffer();
    data.write(ConnectEnvelope.encode("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    data.write(ByteString.decodeHex("02000000027b7d"));
    BufferedSource source = trickle(data);

    ConnectEnvelope first = ConnectEnvelope.read(source);
    ConnectEnvelope last = ConnectEnvelope.read(source);

    assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(first.endStream()).isFalse();
    assertThat(last.endStream()).isTrue();
    assertThat(new String(last.payload(), StandardCharsets.UTF_8)).isEqualTo("{}");
    assertThat(ConnectEnvelope.read(source)).isNull();
  }

  @Test
  void refusesCutCompressedAndOversizedMessages() {
    assertThatThrownBy(
            () -> ConnectEnvelope.read(new Buffer().write(ByteString.decodeHex("000000"))))
        .isInstanceOf(ConnectProtocolException.class);
    assertThatThrownBy(
            () -> ConnectEnvelope.read(new Buffer().write(ByteString.decodeHex("00000000057b"))))
        .isInstanceOf(ConnectProtocolException.class)
        .hasMessageContaining("ended inside a message");
    assertThatThrownBy(
            () -> ConnectEnvelope.read(new Buffer().write(ByteString.decodeHex("01000000027b7d"))))
        .isInstanceOf(ConnectProtocolException.class)
        .hasMessageContaining("compressed");
    assertThatThrownBy(
            () -> ConnectEnvelope.read(new Buffer().write(ByteString.decodeHex("007fffffff"))))
        .isInstanceOf(ConnectProtocolException.class)
        .hasMessageContaining("exceeds");
  }
}
