package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.errors.SandboxConnectionException;
import dev.sandbox4j.errors.SandboxException;
import dev.sandbox4j.local.Fault;
import dev.sandbox4j.local.LocalSandboxServer;
import dev.sandbox4j.local.LocalSandboxServerExtension;
import dev.sandbox4j.local.RecordedRequest;
import dev.sandbox4j.local.SeedSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault matrix of the reliability rules, against the local server's fault injection: lists that
 * lose nothing, creates that never duplicate, and lifecycle calls that converge. Waits between
 * retries are recorded, not slept. Each test prints its figures.
 */
class FaultMatrixTest {
  @RegisterExtension
  static final LocalSandboxServerExtension LOCAL = LocalServers.withStoppedClock();

  private static final String LIST_PATH = "/v2/sandboxes";
  private static final String CREATE_PATH = "/sandboxes";

  private final LocalSandboxServer server;
  private final Random random = new Random(20261127);
  private final AtomicInteger waits = new AtomicInteger();
  private SandboxClient client;

  FaultMatrixTest(LocalSandboxServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    client =
        LocalServers.clientFor(server)
            .maxRetries(8)
            .requestTimeout(Duration.ofSeconds(5))
            .sleeper(d -> waits.incrementAndGet())
            .build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  /** One of the transient failures, or a plain pass-through (a fault with no effect). */
  private Fault randomListFault(double failureShare) {
    Fault.Builder fault = Fault.on("GET", LIST_PATH).times(1);
    if (random.nextDouble() >= failureShare) {
      return fault.delay(Duration.ofMillis(1)).build();
    }
    switch (random.nextInt(4)) {
      case 0:
        return fault.respond(503).build();
      case 1:
        return fault.respond(502).body("<html>bad gateway</html>").build();
      case 2:
        return fault.respond(429).retryAfter("0").build();
      default:
        return fault.dropBeforeActing().build();
    }
  }

  private List<RecordedRequest> requests(String method, String path) {
    List<RecordedRequest> matching = new ArrayList<>();
    for (RecordedRequest request : server.admin().requests()) {
      if (request.method().equals(method) && request.path().equals(path)) {
        matching.add(request);
      }
    }
    return matching;
  }

  @Test
  void aListingUnder30PercentFailuresSeesEverySandboxOnceInOrder() {
    List<String> seeded = server.admin().seed(SeedSpec.builder().count(1_000).build());
    for (int i = 0; i < 600; i++) {
      server.admin().injectFault(randomListFault(0.30));
    }

    List<String> seen = new ArrayList<>();
    SandboxPaginator pages = client.list(SandboxListQuery.builder().limit(7).build());
    int pageCount = 0;
    while (pages.hasNext()) {
      pages.nextItems().forEach(info -> seen.add(info.sandboxId()));
      pageCount++;
    }

    List<RecordedRequest> listRequests = requests("GET", LIST_PATH);
    long failed = listRequests.stream().filter(r -> r.status() != 200).count();
    System.out.printf(
        "fault matrix, listing: %d sandboxes seen, %d duplicates, %d pages, %d requests, %d failed"
            + " attempts retried (%d waits)%n",
        seen.size(),
        seen.size() - new HashSet<>(seen).size(),
        pageCount,
        listRequests.size(),
        failed,
        waits.get());
    assertThat(seen).isEqualTo(seeded);
    assertThat(pageCount).isEqualTo(143);
    assertThat(failed).isGreaterThan(30);
    assertThat(listRequests).hasSize(pageCount + (int) failed);
  }

  @Test
  void createsUnderDroppedConnectionsNeverMakeASilentDuplicate() {
    int dropAfter = 0;
    int dropBefore = 0;
    int busy = 0;
    for (int i = 0; i < 200; i++) {
      double roll = random.nextDouble();
      Fault.Builder fault = Fault.on("POST", CREATE_PATH).times(1);
      if (roll < 0.15) {
        server.admin().injectFault(fault.dropAfterActing().build());
        dropAfter++;
      } else if (roll < 0.25) {
        server.admin().injectFault(fault.dropBeforeActing().build());
        dropBefore++;
      } else if (roll < 0.35) {
        server.admin().injectFault(fault.respond(503).build());
        busy++;
      } else {
        server.admin().injectFault(fault.delay(Duration.ofMillis(1)).build());
      }
    }

    Set<String> returned = new HashSet<>();
    List<SandboxException> failures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      try {
        returned.add(
            client
                .create(CreateSandboxParams.builder().putMetadata("n", Integer.toString(i)).build())
                .sandboxId());
      } catch (SandboxException e) {
        failures.add(e);
      }
    }

    int posts = requests("POST", CREATE_PATH).size();
    int held = server.admin().sandboxCount();
    System.out.printf(
        "fault matrix, creates: 200 calls, %d POSTs, %d returned, %d threw, server holds %d"
            + " (%d dropped after acting, %d before, %d answered 503 and were retried)%n",
        posts, returned.size(), failures.size(), held, dropAfter, dropBefore, busy);
    assertThat(returned.size() + failures.size()).isEqualTo(200);
    // Every dropped connection surfaces; nothing that may have acted is replayed.
    assertThat(failures).hasSize(dropAfter + dropBefore);
    assertThat(failures)
        .allSatisfy(
            e -> {
              assertThat(e).isInstanceOf(SandboxConnectionException.class);
              assertThat(e.getMessage()).contains("may have created the sandbox");
            });
    // The server holds the returned sandboxes plus exactly the ones whose answer was lost.
    assertThat(held).isEqualTo(returned.size() + dropAfter);
    // Only 503s were retried: one extra POST for each.
    assertThat(posts).isEqualTo(200 + busy);
  }

  private void armOnce(String method, String pathRegex, Consumer<Fault.Builder> kind) {
    Fault.Builder fault = Fault.on(method, pathRegex).times(1);
    kind.accept(fault);
    server.admin().injectFault(fault.build());
  }

  @Test
  void lifecycleCallsConvergeUnderEveryFault() {
    List<Consumer<Fault.Builder>> kinds =
        List.of(
            f -> f.respond(503),
            f -> f.respond(502),
            f -> f.respond(429).retryAfter("0"),
            Fault.Builder::dropBeforeActing,
            Fault.Builder::dropAfterActing);
    for (Consumer<Fault.Builder> kind : kinds) {
      Sandbox sandbox = client.create(CreateSandboxParams.builder().putMetadata("k", "v").build());
      String id = sandbox.sandboxId();
      String path = "/sandboxes/" + id;

      armOnce("GET", path, kind);
      assertThat(client.getInfo(id).metadata()).containsEntry("k", "v");

      armOnce("POST", path + "/timeout", kind);
      client.setTimeout(id, Duration.ofSeconds(77));
      assertThat(client.getInfo(id).endAt()).isEqualTo(server.admin().now().plusSeconds(77));

      armOnce("POST", path + "/pause", kind);
      assertThat(client.pause(id)).isTrue();
      assertThat(client.getInfo(id).state()).isEqualTo(SandboxState.PAUSED);

      armOnce("POST", path + "/connect", kind);
      assertThat(client.connect(id).sandboxId()).isEqualTo(id);
      assertThat(client.getInfo(id).state()).isEqualTo(SandboxState.RUNNING);

      armOnce("DELETE", path, kind);
      assertThat(client.kill(id)).isTrue();
      assertThat(client.kill(id)).isFalse();
    }
    assertThat(server.admin().sandboxCount()).isZero();
    assertThat(server.admin().pendingFaultUses()).isZero();
  }

  @Test
  void metadataFilteredListingSurvivesFaultsToo() {
    server.admin().seed(SeedSpec.builder().count(50).metadata(Map.of("team", "a")).build());
    server.admin().seed(SeedSpec.builder().count(50).metadata(Map.of("team", "b")).build());
    for (int i = 0; i < 40; i++) {
      server.admin().injectFault(randomListFault(0.5));
    }
    List<SandboxInfo> teamB =
        client.list(SandboxListQuery.builder().putMetadata("team", "b").limit(3).build()).stream()
            .collect(java.util.stream.Collectors.toList());
    assertThat(teamB)
        .hasSize(50)
        .allSatisfy(i -> assertThat(i.metadata()).containsEntry("team", "b"));
  }
}
