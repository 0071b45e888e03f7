package dev.sandbox4j.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PageCursorTest {

  @Test
  void aTokenRoundTripsToTheSameSortKeyAndIsUrlSafe() {
    SortKey key = new SortKey(Instant.parse("2026-05-06T07:08:09.123456Z"), "abc123");

    String token = PageCursor.encode(key);

    assertThat(token).matches("[A-Za-z0-9_-]+");
    assertThat(PageCursor.decode(token)).isEqualTo(key);
  }

  @Test
  void anythingElseIsA400() {
    for (String bad :
        new String[] {
          "", "!!!", "YWJj", PageCursor.encode(new SortKey(Instant.EPOCH, "ok")) + "x"
        }) {
      assertThatThrownBy(() -> PageCursor.decode(bad))
          .as(bad)
          .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(400));
    }
  }
}
