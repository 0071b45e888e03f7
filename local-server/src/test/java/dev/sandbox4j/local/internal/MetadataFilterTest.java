package dev.sandbox4j.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataFilterTest {

  @Test
  void decodesTheWorkedExamplesAfterTheFrameworksFirstDecode() {
    // Strings the official SDKs send (docs/control-plane.md, "Metadata filter"), with the query
    // parameter already decoded once.
    assertThat(MetadataFilter.parse("user%2520id=a%2526b%253Dc&k=v%252F%25C3%25BC"))
        .containsExactly(Map.entry("user id", "a&b=c"), Map.entry("k", "v/ü"));
    assertThat(MetadataFilter.parse("a%252Bb=x%2520y%281%29*%7E%21"))
        .containsExactly(Map.entry("a+b", "x y(1)*~!"));
  }

  @Test
  void plusMeansSpaceAtEveryUnescape() {
    assertThat(MetadataFilter.parse("a+b=c%2Bd")).containsExactly(Map.entry("a b", "c d"));
  }

  @Test
  void laterDuplicateKeysWin() {
    assertThat(MetadataFilter.parse("k=1&k=2")).containsExactly(Map.entry("k", "2"));
  }

  @Test
  void piecesThatAreNotExactlyOnePairAreRejected() {
    for (String bad : new String[] {"k", "k=v=w", "k=v&", "&k=v", "k=v&&j=w", "=="}) {
      assertThatThrownBy(() -> MetadataFilter.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ApiProblem.class,
              p -> {
                assertThat(p.status()).isEqualTo(400);
                assertThat(p.getMessage()).contains("invalid key value pair");
              });
    }
  }

  @Test
  void malformedEscapesAreRejected() {
    for (String bad : new String[] {"%", "k=%", "k=%2", "k=%zz", "k=%25zz"}) {
      assertThatThrownBy(() -> MetadataFilter.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ApiProblem.class,
              p -> assertThat(p.getMessage()).startsWith("Error parsing metadata"));
    }
  }

  @Test
  void anEmptyFilterIsNotAPairAndIsRefused() {
    assertThatThrownBy(() -> MetadataFilter.parse(""))
        .isInstanceOfSatisfying(
            ApiProblem.class, p -> assertThat(p.getMessage()).startsWith("Error parsing metadata"));
  }
}
