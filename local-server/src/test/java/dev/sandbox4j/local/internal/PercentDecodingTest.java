package dev.sandbox4j.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentDecodingTest {

  @Test
  void queryModeDecodesEscapesAndPlus() {
    assertThat(PercentDecoding.queryUnescape("a+b%2Bc%C3%BC%e2%82%ac")).isEqualTo("a b+cü€");
  }

  @Test
  void pathModeKeepsPlus() {
    assertThat(PercentDecoding.pathUnescape("a+b%20c")).isEqualTo("a+b c");
  }

  @Test
  void textWithoutEscapesIsReturnedAsIs() {
    assertThat(PercentDecoding.queryUnescape("plain-ü")).isEqualTo("plain-ü");
  }

  @Test
  void everyPercentNeedsTwoHexDigits() {
    for (String bad : new String[] {"%", "%2", "a%g1", "%%41"}) {
      assertThatThrownBy(() -> PercentDecoding.queryUnescape(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
