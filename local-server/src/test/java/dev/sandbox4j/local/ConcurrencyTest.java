package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many clients at once: the state stays consistent and nobody sees a 500. */
@ExtendWith(LocalSandboxServerExtension.class)
class ConcurrencyTest extends LocalServerTest {

  @Test
  void concurrentMixedOperationsKeepTheCountsConsistent() throws Exception {
    ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> workers = new ArrayList<>();
    for (int worker = 0; worker < 8; worker++) {
      Random random = new Random(worker);
      workers.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 150; i++) {
                  String id = ids.isEmpty() ? "none" : pick(ids, random);
                  int operation = random.nextInt(6);
                  TestHttp.Reply reply =
                      switch (operation) {
                        case 0, 1 ->
                            http.post("/sandboxes", "{\"templateID\":\"base\",\"timeout\":600}");
                        case 2 -> http.get("/v2/sandboxes?limit=20");
                        case 3 -> http.post("/sandboxes/" + id + "/pause", null);
                        case 4 -> http.post("/sandboxes/" + id + "/connect", "{\"timeout\":60}");
                        default -> http.delete("/sandboxes/" + id);
                      };
                  if (operation < 2 && reply.status() == 201) {
                    ids.add(reply.object().get("sandboxID").getAsString());
                  }
                  if (reply.status() >= 500) {
                    serverErrors.add(reply.status() + " " + reply.body());
                  }
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(serverErrors).isEmpty();
    List<RecordedRequest> log = server.admin().requests();
    long creates =
        log.stream().filter(r -> r.path().equals("/sandboxes") && r.status() == 201).count();
    long kills = log.stream().filter(r -> r.method().equals("DELETE") && r.status() == 204).count();
    assertThat(creates).isEqualTo(ids.size());
    assertThat(server.admin().sandboxCount()).isEqualTo(creates - kills);
    assertThat(http.get("/v2/sandboxes?limit=100").sandboxIds()).doesNotHaveDuplicates();
  }

  @Test
  void pagingWhileOthersCreateAndKillNeverDuplicatesOrSkips() throws Exception {
    List<String> seeded =
        server
            .admin()
            .seed(
                SeedSpec.builder()
                    .count(500)
                    .newestStartedAt(server.admin().now().minusSeconds(10))
                    .build());
    Set<String> killedBefore = new HashSet<>();
    ExecutorService churn = Executors.newFixedThreadPool(2);
    Future<?> creator =
        churn.submit(
            () -> {
              for (int i = 0; i < 150; i++) {
                http.create();
              }
            });
    Future<?> killer =
        churn.submit(
            () -> {
              for (int i = 499;
                  i >= 400;
                  i -= 3) { // kills from the end: maybe before the pager gets there
                http.delete("/sandboxes/" + seeded.get(i));
              }
            });

    List<String> listed = new ArrayList<>();
    Optional<String> token = Optional.empty();
    do {
      TestHttp.Reply page =
          http.get("/v2/sandboxes?limit=7" + token.map(t -> "&nextToken=" + t).orElse(""));
      listed.addAll(page.sandboxIds());
      token = page.header("X-Next-Token");
    } while (token.isPresent());
    creator.get(60, TimeUnit.SECONDS);
    killer.get(60, TimeUnit.SECONDS);
    churn.shutdown();
    for (int i = 499; i >= 400; i -= 3) {
      killedBefore.add(seeded.get(i));
    }

    assertThat(listed).doesNotHaveDuplicates();
    List<String> seededListed = listed.stream().filter(new HashSet<>(seeded)::contains).toList();
    List<String> expectedSurvivors =
        seeded.stream().filter(id -> !killedBefore.contains(id)).toList();
    assertThat(seededListed)
        .as("in list order, every seeded sandbox not killed")
        .containsAll(expectedSurvivors);
    assertThat(seeded).as("in list order").containsSubsequence(seededListed);
  }

  private static String pick(ConcurrentLinkedQueue<String> ids, Random random) {
    List<String> snapshot = new ArrayList<>(ids);
    return snapshot.get(random.nextInt(snapshot.size()));
  }
}
