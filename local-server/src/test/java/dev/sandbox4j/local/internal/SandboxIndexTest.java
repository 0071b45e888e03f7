package dev.sandbox4j.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.generated.model.SandboxState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Holds list pages to their cost: the index entries a page examines, with 100 000 sandboxes. */
class SandboxIndexTest {

  private static final int N = 100_000;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ListFilter EVERYTHING =
      new ListFilter(EnumSet.of(SandboxState.RUNNING, SandboxState.PAUSED), Map.of());

  private static SandboxIndex index;
  private static List<StoredSandbox> newestFirst;

  /** Read-only tests share one index of 100 000; tests that change an index build their own. */
  @BeforeAll
  static void fillShared() {
    newestFirst = new ArrayList<>(N);
    index = filled(N, newestFirst);
  }

  /** {@code n} sandboxes, one a second; every 100th paused; every 1000th tagged "rare". */
  private static SandboxIndex filled(int n, List<StoredSandbox> listOrder) {
    SandboxIndex filled = new SandboxIndex();
    for (int i = 0; i < n; i++) {
      Map<String, String> metadata =
          i % 1000 == 0 ? Map.of("tier", "rare", "env", "prod") : Map.of("env", "prod");
      SandboxBlueprint blueprint =
          new SandboxBlueprint(
              "base", "base", metadata, Map.of(), Duration.ofHours(1), false, false, false, null);
      Instant startedAt = T0.minusSeconds(i);
      SandboxState state = i % 100 == 0 ? SandboxState.PAUSED : SandboxState.RUNNING;
      StoredSandbox sandbox =
          StoredSandbox.of(
              blueprint,
              String.format("sbx%06d", i),
              startedAt,
              T0.plusSeconds(n - i),
              state,
              null);
      filled.put(sandbox);
      listOrder.add(sandbox);
    }
    return filled;
  }

  @Test
  void aPageDeepInsideTheListExaminesOnlyThePageAndOneMore() {
    SortKey middle = newestFirst.get(N / 2).sortKey();

    Page page = index.page(EVERYTHING, Optional.of(middle), 100);

    assertThat(page.items()).containsExactlyElementsOf(newestFirst.subList(N / 2 + 1, N / 2 + 101));
    assertThat(page.examined()).isEqualTo(101);
    assertThat(page.continueAfter()).contains(newestFirst.get(N / 2 + 100).sortKey());
  }

  @Test
  void aStateFilterWalksOnlyThatStatesIndex() {
    Page page =
        index.page(new ListFilter(EnumSet.of(SandboxState.PAUSED), Map.of()), Optional.empty(), 50);

    assertThat(page.items()).allMatch(s -> s.state() == SandboxState.PAUSED).hasSize(50);
    assertThat(page.examined()).isEqualTo(51);
  }

  @Test
  void aMetadataFilterWalksTheSmallestPostingSet() {
    ListFilter rareProd =
        new ListFilter(
            EnumSet.of(SandboxState.RUNNING, SandboxState.PAUSED),
            Map.of("env", "prod", "tier", "rare"));

    Page page = index.page(rareProd, Optional.empty(), 100);

    assertThat(page.items()).hasSize(100).allMatch(s -> "rare".equals(s.metadata().get("tier")));
    assertThat(page.examined())
        .as("walks the 100 'rare' postings, not 100 000 'prod' ones")
        .isEqualTo(100);
    assertThat(page.continueAfter()).isEmpty();
  }

  @Test
  void theWorstCaseIsBoundedByTheSmallestCandidateSet() {
    // Paused and rare overlap only on every 1000th sandbox: the smallest set (100 rare) is walked.
    ListFilter pausedRare = new ListFilter(EnumSet.of(SandboxState.PAUSED), Map.of("tier", "rare"));

    Page page = index.page(pausedRare, Optional.empty(), 100);

    assertThat(page.items()).hasSize(100);
    assertThat(page.examined()).isLessThanOrEqualTo(100);
  }

  @Test
  void anUnknownPairMatchesNothingWithoutWalking() {
    Page page =
        index.page(
            new ListFilter(EnumSet.of(SandboxState.RUNNING), Map.of("env", "dev")),
            Optional.empty(),
            100);

    assertThat(page.items()).isEmpty();
    assertThat(page.examined()).isZero();
  }

  @Test
  void expiryFindsOnlyTheEndedRunningSandboxesSoonestFirst() {
    List<StoredSandbox> due = index.expiredAt(T0.plusSeconds(5));

    // endAt = T0 + (N - i): due when N - i <= 5, i.e. the 5 oldest, none of them paused.
    assertThat(due)
        .extracting(StoredSandbox::sandboxId)
        .containsExactly("sbx099999", "sbx099998", "sbx099997", "sbx099996", "sbx099995");
  }

  @Test
  void removingASandboxTakesItOutOfEveryIndex() {
    List<StoredSandbox> order = new ArrayList<>();
    SandboxIndex own = filled(2000, order);
    StoredSandbox rare = order.get(0);

    own.remove(rare.sandboxId());

    assertThat(own.get(rare.sandboxId())).isEmpty();
    assertThat(
            own.page(
                    new ListFilter(EnumSet.of(SandboxState.PAUSED), Map.of("tier", "rare")),
                    Optional.empty(),
                    5)
                .items())
        .containsExactly(order.get(1000));
    assertThat(own.page(EVERYTHING, Optional.empty(), 1).items()).containsExactly(order.get(1));
    assertThat(own.expiredAt(T0.plusSeconds(2000))).doesNotContain(rare);
    assertThat(own.size()).isEqualTo(1999);
  }

  @Test
  void replacingASandboxMovesItBetweenStates() {
    List<StoredSandbox> order = new ArrayList<>();
    SandboxIndex own = filled(1000, order);

    own.put(order.get(1).paused(T0));

    Page paused =
        own.page(new ListFilter(EnumSet.of(SandboxState.PAUSED), Map.of()), Optional.empty(), 2);
    assertThat(paused.items())
        .extracting(StoredSandbox::sandboxId)
        .containsExactly("sbx000000", "sbx000001");
    assertThat(own.expiredAt(T0.plusSeconds(1000)))
        .extracting(StoredSandbox::sandboxId)
        .hasSize(989)
        .doesNotContain("sbx000001");
  }
}
