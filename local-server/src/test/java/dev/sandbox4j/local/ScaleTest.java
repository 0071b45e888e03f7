package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 100 000 sandboxes held: seeded fast, paged completely over HTTP, filtered without a scan. */
@ExtendWith(LocalSandboxServerExtension.class)
class ScaleTest extends LocalServerTest {

  private static final int N = 100_000;

  @Test
  void seeds100000SandboxesAndPagesThroughAllOfThemInOrder() {
    long start = System.nanoTime();
    List<String> seeded = server.admin().seed(SeedSpec.of(N));
    Duration seeding = Duration.ofNanos(System.nanoTime() - start);

    assertThat(seeded).hasSize(N);
    assertThat(new HashSet<>(seeded)).hasSize(N);
    assertThat(seeding).as("seeding 100 000").isLessThan(Duration.ofSeconds(5));

    List<String> listed = new ArrayList<>(N);
    Optional<String> token = Optional.empty();
    int pages = 0;
    do {
      TestHttp.Reply page =
          http.get("/v2/sandboxes?limit=100" + token.map(t -> "&nextToken=" + t).orElse(""));
      listed.addAll(page.sandboxIds());
      token = page.header("X-Next-Token");
      pages++;
    } while (token.isPresent());

    assertThat(pages).isEqualTo(N / 100);
    assertThat(listed).isEqualTo(seeded);
  }

  @Test
  void aRareMetadataValueAmong100000IsFoundOnOnePage() {
    server.admin().seed(SeedSpec.builder().count(N).metadata(Map.of("tenant", "big")).build());
    List<String> small =
        server
            .admin()
            .seed(
                SeedSpec.builder()
                    .count(40)
                    .metadata(Map.of("tenant", "small"))
                    .spacing(Duration.ofHours(1))
                    .newestStartedAt(server.admin().now().minusSeconds(30))
                    .build());

    TestHttp.Reply page =
        http.get(
            "/v2/sandboxes?" + OfficialMetadataEncoding.queryParameter(Map.of("tenant", "small")));

    assertThat(page.sandboxIds()).containsExactlyElementsOf(small);
    assertThat(page.header("X-Next-Token")).isEmpty();
    assertThat(server.admin().sandboxCount()).isEqualTo(N + 40);
  }
}
