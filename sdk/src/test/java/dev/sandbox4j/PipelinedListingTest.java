package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.ServerException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Iterating and streaming request the next page as soon as the current page's cursor arrives: one
 * request ahead at most, its failure reported (and retried) where the loop reaches it, never for
 * {@link SandboxPaginator#nextItems()}, and not at all when turned off.
 */
class PipelinedListingTest {
  private final MockApi api;

  PipelinedListingTest() throws Exception {
    api = new MockApi();
  }

  @AfterEach
  void close() {
    api.close();
  }

  private static String body(String... ids) {
    return "["
        + Stream.of(ids).map(id -> MockApi.listed(id, "running")).collect(Collectors.joining(","))
        + "]";
  }

  private void page(String token, String... ids) {
    MockResponse.Builder response =
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(body(ids));
    if (token != null) {
      response.setHeader("X-Next-Token", token);
    }
    api.enqueue(response.build());
  }

  @Test
  void theNextPageIsRequestedBeforeThisPageIsRead() throws Exception {
    // Page 1's body trickles in over about a second; its cursor is in the headers at once.
    Buffer slow = new Buffer().writeUtf8(body("a", "b", "c"));
    long bytes = slow.size();
    api.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .setHeader("X-Next-Token", "t2")
            .body(slow)
            .throttleBody(bytes / 5 + 1, 200, TimeUnit.MILLISECONDS)
            .build());
    page(null, "d");
    try (SandboxClient client = api.client()) {
      Iterator<SandboxInfo> all = client.list().iterator();
      assertThat(all.next().sandboxId()).isEqualTo("a");
      // Page 1 is read in full by now, and page 2 was asked for while it was still arriving.
      RecordedRequest first = api.take();
      RecordedRequest second = api.take();
      assertThat(first.getTarget()).isEqualTo("/v2/sandboxes");
      assertThat(second.getTarget()).isEqualTo("/v2/sandboxes?nextToken=t2");
      List<String> rest = new ArrayList<>();
      all.forEachRemaining(info -> rest.add(info.sandboxId()));
      assertThat(rest).containsExactly("b", "c", "d");
    }
    assertThat(api.server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void atMostOnePageIsRequestedAhead() throws Exception {
    page("t2", "a", "b");
    page("t3", "c");
    page(null, "d");
    try (SandboxClient client = api.client();
        Stream<SandboxInfo> stream = client.list().stream()) {
      Iterator<SandboxInfo> all = stream.iterator();
      assertThat(all.next().sandboxId()).isEqualTo("a");
      Thread.sleep(300); // time enough for any further request to arrive
      assertThat(api.server.getRequestCount()).isEqualTo(2);
      assertThat(all.next().sandboxId()).isEqualTo("b");
      assertThat(all.next().sandboxId()).isEqualTo("c");
      assertThat(all.next().sandboxId()).isEqualTo("d");
      assertThat(all.hasNext()).isFalse();
    }
    assertThat(api.server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void nextItemsNeverRequestsAheadAndPipeliningCanBeTurnedOff() throws Exception {
    page("t2", "a");
    page("t2b", "x");
    try (SandboxClient client = api.client()) {
      assertThat(client.list().nextItems()).hasSize(1);
      SandboxPaginator off = client.list(SandboxListQuery.builder().pipelining(false).build());
      assertThat(off.iterator().next().sandboxId()).isEqualTo("x");
      Thread.sleep(300);
      assertThat(api.server.getRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void aFailedEarlyRequestIsReportedWhereTheLoopReachesItsPage() throws Exception {
    page("t2", "a", "b");
    api.enqueue(503, "{\"code\":503,\"message\":\"busy\"}");
    try (SandboxClient client = api.client()) {
      Iterator<SandboxInfo> all = client.list().iterator();
      assertThat(all.next().sandboxId()).isEqualTo("a");
      assertThat(all.next().sandboxId()).isEqualTo("b"); // page 2 failed already, unseen so far
      assertThatThrownBy(all::hasNext)
          .isInstanceOf(ServerException.class)
          .hasMessageContaining("HTTP 503");
    }
  }

  @Test
  void aFailedEarlyRequestCountsAsTheFirstAttemptAndIsRetried() throws Exception {
    page("t2", "a");
    api.enqueue(503, "{\"code\":503,\"message\":\"busy\"}");
    page(null, "b");
    try (SandboxClient client = api.client(b -> b.maxRetries(2))) {
      List<String> ids = new ArrayList<>();
      for (SandboxInfo info : client.list()) {
        ids.add(info.sandboxId());
      }
      assertThat(ids).containsExactly("a", "b");
    }
    assertThat(api.sleeps).hasSize(1);
    assertThat(api.server.getRequestCount()).isEqualTo(3);
  }

  /** Page 1 with a cursor, then a page 2 that never answers unless cancelled. */
  private void pageThenSilence() {
    page("t2", "a");
    api.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .headersDelay(30, TimeUnit.SECONDS)
            .body("[]")
            .build());
  }

  /** Waits up to 10 s for the client's HTTP calls to end, nudging the GC if asked. */
  private static void awaitNoRunningCalls(okhttp3.Dispatcher dispatcher, boolean collect)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (dispatcher.runningCallsCount() > 0 && System.nanoTime() < deadline) {
      if (collect) {
        System.gc();
      }
      Thread.sleep(20);
    }
    assertThat(dispatcher.runningCallsCount()).isZero();
  }

  @Test
  void closingTheStreamCancelsAnEarlyRequest() throws Exception {
    pageThenSilence();
    try (SandboxClient client = api.client()) {
      okhttp3.Dispatcher dispatcher = client.raw().httpClient().dispatcher();
      try (Stream<SandboxInfo> stream = client.list().stream()) {
        assertThat(stream.findFirst()).map(SandboxInfo::sandboxId).contains("a");
        api.take();
        api.take(); // the early request is in flight
        assertThat(dispatcher.runningCallsCount()).isEqualTo(1);
      }
      awaitNoRunningCalls(dispatcher, false);
    }
  }

  @Test
  void anAbandonedIteratorsEarlyRequestIsCancelledOnceItIsCollected() throws Exception {
    pageThenSilence();
    try (SandboxClient client = api.client()) {
      okhttp3.Dispatcher dispatcher = client.raw().httpClient().dispatcher();
      assertThat(client.list().iterator().next().sandboxId()).isEqualTo("a"); // then dropped
      api.take();
      api.take();
      awaitNoRunningCalls(dispatcher, true);
    }
  }

  @Test
  void closingTheClientCancelsAnEarlyRequest() throws Exception {
    pageThenSilence();
    SandboxClient client = api.client();
    okhttp3.Dispatcher dispatcher = client.raw().httpClient().dispatcher();
    Iterator<SandboxInfo> all = client.list().iterator();
    assertThat(all.next().sandboxId()).isEqualTo("a");
    api.take();
    api.take(); // the early request is in flight
    assertThat(dispatcher.runningCallsCount()).isEqualTo(1);
    client.close();
    awaitNoRunningCalls(dispatcher, false);
    assertThatThrownBy(all::hasNext).isInstanceOf(dev.sandbox4j.errors.SandboxException.class);
  }
}
