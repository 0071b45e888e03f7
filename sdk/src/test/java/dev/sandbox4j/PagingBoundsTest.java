package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sandbox4j.errors.SandboxProtocolException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server cannot drive a listing forever or out of memory: fresh tokens on empty pages stop after
 * {@link SandboxListQuery#maxEmptyPages()}, and huge tokens are not kept (a hostile server, played
 * by MockWebServer).
 */
class PagingBoundsTest {
  private final MockApi api;

  PagingBoundsTest() throws Exception {
    api = new MockApi();
  }

  @AfterEach
  void close() {
    api.close();
  }

  /** Answers page n (counting requests from 0) with {@code items(n)} and a fresh token. */
  private static Dispatcher freshTokens(AtomicInteger requests, IntFunction<String> items) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        int n = requests.getAndIncrement();
        return new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .setHeader("X-Next-Token", "fresh-" + n)
            .body(items.apply(n))
            .build();
      }
    };
  }

  @Test
  void freshTokensOnEmptyPagesStopAtTheDefaultBound() {
    AtomicInteger requests = new AtomicInteger();
    api.server.setDispatcher(freshTokens(requests, n -> "[]"));
    try (SandboxClient client = api.client()) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () ->
              assertThatThrownBy(() -> client.list().stream().count())
                  .isInstanceOf(SandboxProtocolException.class)
                  .hasMessageContaining("50 empty pages in a row"));
    }
    // The bound, plus at most the one page that pipelining requested ahead.
    assertThat(requests.get()).isBetween(50, 51);
  }

  @Test
  void theBoundIsPerQueryAndCountsOnlyPagesInARow() {
    AtomicInteger requests = new AtomicInteger();
    // Two empty pages, one sandbox, two empty pages, one sandbox, ...: never three in a row.
    api.server.setDispatcher(
        freshTokens(
            requests, n -> n % 3 == 2 ? "[" + MockApi.listed("s" + n, "running") + "]" : "[]"));
    try (SandboxClient client = api.client()) {
      SandboxPaginator pages =
          client.list(SandboxListQuery.builder().maxEmptyPages(3).pipelining(false).build());
      for (int i = 0; i < 30; i++) {
        pages.nextItems();
      }
      assertThat(pages.hasNext()).isTrue();
    }
    AtomicInteger more = new AtomicInteger();
    api.server.setDispatcher(freshTokens(more, n -> "[]"));
    try (SandboxClient client = api.client()) {
      SandboxPaginator pages = client.list(SandboxListQuery.builder().maxEmptyPages(3).build());
      pages.nextItems();
      pages.nextItems();
      assertThatThrownBy(pages::nextItems)
          .isInstanceOf(SandboxProtocolException.class)
          .hasMessageContaining("3 empty pages in a row");
    }
  }

  @Test
  void maxEmptyPagesIsAtLeastOne() {
    assertThatThrownBy(() -> SandboxListQuery.builder().maxEmptyPages(0).build())
        .hasMessageContaining("maxEmptyPages must be at least 1");
  }

  @Test
  void hugeTokensAreNotKeptForEveryPage() throws Exception {
    String padding = "p".repeat(200 * 1024);
    AtomicInteger requests = new AtomicInteger();
    int pages = 330; // 66 MB of tokens if each one sent were kept: more than the child heap
    api.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            int n = requests.getAndIncrement();
            MockResponse.Builder response =
                new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "application/json")
                    .body("[" + MockApi.listed("s" + n, "running") + "]");
            if (n + 1 < pages) {
              response.setHeader("X-Next-Token", n + "-" + padding);
            }
            return response.build();
          }
        });
    ChildJvm.Result child = ChildJvm.run("64m", IterateAll.class, api.server.url("/").toString());
    assertThat(child.results()).as(child.output).containsExactly("> listed " + pages);
    assertThat(child.exitCode).as(child.output).isZero();
  }

  /** Runs in a 64 MiB child JVM: walks the whole listing and prints its size. */
  public static final class IterateAll {
    public static void main(String[] args) {
      try (SandboxClient client =
          SandboxClient.builder()
              .apiUrl(args[0])
              .apiKey(MockApi.KEY)
              .environment(name -> null)
              .systemProperties(name -> null)
              .maxRetries(0)
              .build()) {
        System.out.println("> listed " + client.list().stream().count());
      } catch (OutOfMemoryError e) {
        System.out.println("> OutOfMemoryError");
        System.exit(3);
      }
    }
  }
}
