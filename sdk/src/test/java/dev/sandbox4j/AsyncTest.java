package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.errors.SandboxNotFoundException;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** async(): the same operations and failures, delivered through CompletableFutures. */
class AsyncTest {
  private final MockApi api;

  AsyncTest() throws Exception {
    api = new MockApi();
  }

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void operationsCompleteWithTheSameResultsAsTheSyncOnes() throws Exception {
    api.enqueue(201, MockApi.CREATED);
    api.enqueue(204, null);
    api.enqueue(404, "{\"code\":404,\"message\":\"gone\"}");
    try (SandboxClient client = api.client()) {
      SandboxClientAsync async = client.async();
      Sandbox created = async.create().get(5, TimeUnit.SECONDS);
      assertThat(created.sandboxId()).isEqualTo("sbx1");
      assertThat(async.kill("sbx1").get(5, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> async.getInfo("gone").join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(SandboxNotFoundException.class);
    }
    assertThat(api.take().getMethod()).isEqualTo("POST");
  }

  @Test
  void badArgumentsFailTheFutureAndSendNothing() {
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(() -> client.async().kill(" ").join())
          .hasCauseInstanceOf(SandboxConfigurationException.class);
    }
    assertThat(api.server.getRequestCount()).isZero();
  }

  @Test
  void aBadListingQueryFailsTheFirstFetchsFutureLikeEveryOtherAsyncMisuse() {
    try (SandboxClient client = api.client()) {
      SandboxAsyncPaginator pages = client.async().list(null);
      assertThat(pages.hasNext()).isTrue();
      assertThatThrownBy(() -> pages.nextItems().join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(SandboxConfigurationException.class)
          .hasMessageContaining("query");
    }
    assertThat(api.server.getRequestCount()).isZero();
  }

  @Test
  void theAsyncPaginatorFollowsTheCursor() {
    api.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .setHeader("X-Next-Token", "t2")
            .body("[" + MockApi.listed("a", "running") + "]")
            .build());
    api.enqueue(200, "[" + MockApi.listed("b", "paused") + "]");
    try (SandboxClient client = api.client()) {
      SandboxAsyncPaginator pages = client.async().list();
      assertThat(pages.nextItems().join()).extracting(SandboxInfo::sandboxId).containsExactly("a");
      assertThat(pages.nextToken()).contains("t2");
      assertThat(pages.nextItems().join()).extracting(SandboxInfo::sandboxId).containsExactly("b");
      assertThat(pages.hasNext()).isFalse();
      assertThatThrownBy(() -> pages.nextItems().join())
          .hasCauseInstanceOf(NoSuchElementException.class);
    }
  }

  @Test
  void runsOnDaemonThreadsOrOnTheGivenExecutor() throws Exception {
    // The retry's wait runs on the thread that executes the call: record it there.
    AtomicReference<Thread> worker = new AtomicReference<>();
    api.enqueue(503, "{}");
    api.enqueue(204, null);
    try (SandboxClient client =
        api.client(b -> b.maxRetries(1).sleeper(d -> worker.set(Thread.currentThread())))) {
      assertThat(client.async().kill("a").get(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(worker.get().isDaemon()).isTrue();
    assertThat(worker.get().getName()).startsWith("sandbox4j-async-");

    ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "mine"));
    api.enqueue(503, "{}");
    api.enqueue(204, null);
    try (SandboxClient client =
        api.client(
            b ->
                b.maxRetries(1)
                    .asyncExecutor(mine)
                    .sleeper(d -> worker.set(Thread.currentThread())))) {
      assertThat(client.async().kill("a").get(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(worker.get().getName()).isEqualTo("mine");
    assertThat(mine.isShutdown()).isFalse();
    mine.shutdown();
  }
}
