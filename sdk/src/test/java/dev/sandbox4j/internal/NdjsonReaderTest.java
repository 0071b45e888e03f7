package dev.sandbox4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class NdjsonReaderTest {

  @Test
  void readsObjectsSkippingBlankLinesAndKeepingAnUnterminatedLastLine() throws IOException {
    NdjsonReader reader =
        new NdjsonReader(new Buffer().writeUtf8("{\"a\":1}\n\n  \n{\"b\":\"é\"}\r\n{\"c\":3}"));

    assertThat(reader.next().get("a").getAsInt()).isEqualTo(1);
    assertThat(reader.next().get("b").getAsString()).isEqualTo("é");
    assertThat(reader.next().get("c").getAsInt()).isEqualTo(3);
    assertThat(reader.next()).isNull();
  }

  @Test
  void aLineThatIsNotAnObjectIsAProtocolError() {
    assertThatThrownBy(() -> new NdjsonReader(new Buffer().writeUtf8("[1]\n")).next())
        .isInstanceOf(ConnectProtocolException.class);
    assertThatThrownBy(() -> new NdjsonReader(new Buffer().writeUtf8("{oops\n")).next())
        .isInstanceOf(ConnectProtocolException.class);
  }
}
