package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.local.LocalSandboxServer;
import dev.sandbox4j.local.LocalSandboxServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One client shared by 32 threads doing mixed operations for a few seconds: no call fails, and the
 * server ends up holding exactly what the threads believe they left behind.
 */
@ExtendWith(LocalSandboxServerExtension.class)
class ConcurrencyTest {
  private static final int THREADS = 32;
  private static final Duration RUN_FOR = Duration.ofSeconds(3);

  @Test
  void aSharedClientUnderMixedLoadLeavesExactlyTheExpectedState(LocalSandboxServer server)
      throws Exception {
    AtomicLong operations = new AtomicLong();
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, Map<String, SandboxState>> expected = new ConcurrentHashMap<>();
    try (SandboxClient client = LocalServers.clientFor(server).maxRetries(0).build()) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      long deadline = System.nanoTime() + RUN_FOR.toNanos();
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < THREADS; w++) {
        int worker = w;
        workers.add(
            pool.submit(
                () -> {
                  Map<String, SandboxState> mine = new HashMap<>();
                  expected.put(worker, mine);
                  Random random = new Random(worker);
                  try {
                    while (System.nanoTime() < deadline) {
                      step(client, worker, mine, random);
                      operations.incrementAndGet();
                    }
                  } catch (Throwable t) {
                    errors.add(t);
                  }
                }));
      }
      for (Future<?> worker : workers) {
        worker.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(errors).isEmpty();
      int expectedTotal = 0;
      for (Map.Entry<Integer, Map<String, SandboxState>> entry : expected.entrySet()) {
        Map<String, SandboxState> actual =
            client
                .list(
                    SandboxListQuery.builder()
                        .putMetadata("worker", entry.getKey().toString())
                        .build())
                .stream()
                .collect(Collectors.toMap(SandboxInfo::sandboxId, SandboxInfo::state));
        assertThat(actual).isEqualTo(entry.getValue());
        expectedTotal += entry.getValue().size();
      }
      assertThat(server.admin().sandboxCount()).isEqualTo(expectedTotal);
      System.out.printf(
          "concurrency: %d threads, %d operations in %s, %d sandboxes left, 0 errors%n",
          THREADS, operations.get(), RUN_FOR, expectedTotal);
      // Every worker got through at least its first operation (throughput is the benchmarks' job).
      assertThat(operations.get()).isGreaterThanOrEqualTo(THREADS);
    }
  }

  /** One random operation on this worker's own sandboxes, recording what it should leave. */
  private static void step(
      SandboxClient client, int worker, Map<String, SandboxState> mine, Random random) {
    List<String> ids = new ArrayList<>(mine.keySet());
    int choice = ids.size() < 3 ? 0 : random.nextInt(6);
    if (choice == 0) {
      Sandbox created =
          client.create(
              CreateSandboxParams.builder()
                  .timeout(Duration.ofMinutes(10))
                  .putMetadata("worker", Integer.toString(worker))
                  .build());
      mine.put(created.sandboxId(), SandboxState.RUNNING);
      return;
    }
    String id = ids.get(random.nextInt(ids.size()));
    SandboxState state = mine.get(id);
    switch (choice) {
      case 1:
        assertThat(client.kill(id)).isTrue();
        mine.remove(id);
        break;
      case 2:
        assertThat(client.pause(id)).isEqualTo(state == SandboxState.RUNNING);
        mine.put(id, SandboxState.PAUSED);
        break;
      case 3:
        assertThat(client.connect(id).resumed()).isEqualTo(state == SandboxState.PAUSED);
        mine.put(id, SandboxState.RUNNING);
        break;
      case 4:
        if (state == SandboxState.RUNNING) {
          client.setTimeout(id, Duration.ofMinutes(5));
        }
        break;
      default:
        assertThat(client.getInfo(id).state()).isEqualTo(state);
    }
  }
}
