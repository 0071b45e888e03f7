package dev.sandbox4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StrictJsonTest {
  @Test
  void readsPlainJson() {
    assertThat(StrictJson.parseObject("{\"a\":[1,\"x\",null,true,{\"b\":2.5}]}", "the response"))
        .hasToString("{\"a\":[1,\"x\",null,true,{\"b\":2.5}]}");
  }

  @Test
  void refusesWhatALenientReaderWouldGuessAt() {
    String secretish = "tok-do-not-quote";
    String[] bodies = {
      ")]}'\n{\"a\":1}",
      "{'a':\"" + secretish + "\"}",
      "{a:\"" + secretish + "\"}",
      "{\"a\":1 /* " + secretish + " */}",
      "{\"a\":1,\"a\":\"" + secretish + "\"}",
      "{\"a\":1} " + secretish,
      "{\"a\":NaN}",
      "[".repeat(100) + "]".repeat(100),
    };
    for (String body : bodies) {
      assertThatThrownBy(() -> StrictJson.parse(body, "the response"))
          .as(body)
          .isInstanceOf(ConnectProtocolException.class)
          .hasMessageStartingWith("the response ")
          .hasMessageNotContaining(secretish);
    }
  }

  @Test
  void anObjectIsRequiredWhereOneIsExpected() {
    assertThatThrownBy(() -> StrictJson.parseObject("[]", "a stream message"))
        .isInstanceOf(ConnectProtocolException.class)
        .hasMessage("a stream message is not a JSON object");
  }
}
