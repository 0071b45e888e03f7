package dev.sandbox4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class ProtoJsonTest {
  private static JsonObject parse(String json) {
    return JsonParser.parseString(json).getAsJsonObject();
  }

  @Test
  void int64ComesAsStringOrNumberAndDefaultsToZero() {
    JsonObject message = parse("{\"a\":\"9007199254740993\",\"b\":13,\"c\":-1}");
    assertThat(ProtoJson.int64(message, "a")).isEqualTo(9007199254740993L);
    assertThat(ProtoJson.int64(message, "b")).isEqualTo(13);
    assertThat(ProtoJson.int64(message, "c")).isEqualTo(-1);
    assertThat(ProtoJson.int64(message, "missing")).isZero();
    assertThatThrownBy(() -> ProtoJson.int64(parse("{\"a\":\"x\"}"), "a"))
        .isInstanceOf(ConnectProtocolException.class);
  }

  @Test
  void int64RefusesWhatDoesNotFitInsteadOfTruncatingIt() {
    JsonObject message =
        StrictJson.parseObject(
            "{\"whole\":2.0,\"exp\":1e3,\"half\":2.5,\"huge\":1e999,"
                + "\"digits\":12345678901234567890123,\"text\":\"2.5\",\"bool\":true}",
            "the response");
    assertThat(ProtoJson.int64(message, "whole")).isEqualTo(2);
    assertThat(ProtoJson.int64(message, "exp")).isEqualTo(1000);
    for (String field : new String[] {"half", "huge", "digits", "text", "bool"}) {
      assertThatThrownBy(() -> ProtoJson.int64(message, field))
          .isInstanceOf(ConnectProtocolException.class)
          .hasMessage("field " + field + " is not a 64-bit integer");
    }
  }

  @Test
  void bytesAcceptStandardAndUrlSafeBase64() {
    assertThat(ProtoJson.bytes(parse("{\"a\":\"YWJjCg==\"}"), "a")).isEqualTo("abc\n".getBytes());
    assertThat(ProtoJson.bytes(parse("{\"a\":\"-_8\"}"), "a"))
        .isEqualTo(new byte[] {(byte) 0xfb, (byte) 0xff});
  }

  @Test
  void wrongTypesCountAsAbsent() {
    JsonObject message = parse("{\"a\":{},\"b\":[1],\"c\":\"x\"}");
    assertThat(ProtoJson.string(message, "a")).isEmpty();
    assertThat(ProtoJson.object(message, "c").size()).isZero();
    assertThat(ProtoJson.bool(message, "c")).isFalse();
  }
}
