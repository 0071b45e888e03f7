package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.SandboxProtocolException;
import dev.sandbox4j.errors.ServerException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The paginator contract: cursor from X-Next-Token only, laziness, failure and end handling. */
class PaginatorTest {
  private final MockApi api;

  PaginatorTest() throws Exception {
    api = new MockApi();
  }

  @AfterEach
  void close() {
    api.close();
  }

  private void page(String token, String... ids) {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < ids.length; i++) {
      body.append(i == 0 ? "" : ",").append(MockApi.listed(ids[i], "running"));
    }
    MockResponse.Builder response =
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(body.append("]").toString());
    if (token != null) {
      response.setHeader(
          token.startsWith("lower:") ? "x-next-token" : "X-NEXT-TOKEN",
          token.replace("lower:", ""));
    }
    api.enqueue(response.build());
  }

  private static List<String> ids(List<SandboxInfo> items) {
    return items.stream().map(SandboxInfo::sandboxId).collect(Collectors.toList());
  }

  @Test
  void followsTheJsSequence() throws Exception {
    page("tok2", "a", "b");
    page(null, "c");
    try (SandboxClient client = api.client()) {
      SandboxPaginator pages = client.list(SandboxListQuery.builder().limit(2).build());
      assertThat(pages.hasNext()).isTrue();
      assertThat(pages.nextToken()).isEmpty();

      assertThat(ids(pages.nextItems())).containsExactly("a", "b");
      assertThat(pages.hasNext()).isTrue();
      assertThat(pages.nextToken()).contains("tok2");

      assertThat(ids(pages.nextItems())).containsExactly("c");
      assertThat(pages.hasNext()).isFalse();
      assertThat(pages.nextToken()).isEmpty();

      assertThatThrownBy(pages::nextItems)
          .isInstanceOf(NoSuchElementException.class)
          .hasMessage("No more items to fetch");
    }
    assertThat(api.take().getTarget()).isEqualTo("/v2/sandboxes?limit=2");
    assertThat(api.take().getTarget()).isEqualTo("/v2/sandboxes?limit=2&nextToken=tok2");
  }

  @Test
  void startsFromTheQuerysTokenAndReportsItBeforeTheFirstFetch() throws Exception {
    page(null, "z");
    try (SandboxClient client = api.client()) {
      SandboxPaginator pages = client.list(SandboxListQuery.builder().nextToken("saved").build());
      assertThat(pages.nextToken()).contains("saved");
      assertThat(ids(pages.nextItems())).containsExactly("z");
    }
    assertThat(api.take().getTarget()).isEqualTo("/v2/sandboxes?nextToken=saved");
  }

  @Test
  void keepsGoingPastEmptyPagesThatCarryAToken() throws Exception {
    page("lower:t1");
    page("t2", "a");
    page("", "b");
    try (SandboxClient client = api.client()) {
      assertThat(client.list().stream().map(SandboxInfo::sandboxId)).containsExactly("a", "b");
    }
    assertThat(api.server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void iterationIsLazyAndStopsFetchingWhenTheStreamStops() throws Exception {
    page("t1", "a", "b");
    page("t2", "c", "d");
    try (SandboxClient client = api.client()) {
      // Without pipelining, not even the next page is requested ahead (see PipelinedListingTest).
      SandboxPaginator pages = client.list(SandboxListQuery.builder().pipelining(false).build());
      assertThat(api.server.getRequestCount()).isZero();
      assertThat(pages.stream().limit(2).map(SandboxInfo::sandboxId)).containsExactly("a", "b");
      assertThat(api.server.getRequestCount()).isEqualTo(1);
      // The for-each loop continues from where the stream stopped.
      StringBuilder seen = new StringBuilder();
      page(null, "e");
      for (SandboxInfo info : pages) {
        seen.append(info.sandboxId());
      }
      assertThat(seen.toString()).isEqualTo("cde");
    }
  }

  @Test
  void aRepeatedTokenIsAProtocolErrorNotALoop() throws Exception {
    page("same", "a");
    page("same", "b");
    try (SandboxClient client = api.client()) {
      SandboxPaginator pages = client.list();
      pages.nextItems();
      assertThatThrownBy(pages::nextItems)
          .isInstanceOf(SandboxProtocolException.class)
          .hasMessageContaining("same page token");
    }
  }

  @Test
  void aFailedFetchLeavesThePaginatorOnTheSamePage() throws Exception {
    page("t1", "a");
    api.enqueue(503, "{\"code\":503,\"message\":\"busy\"}");
    page(null, "b");
    try (SandboxClient client = api.client()) {
      SandboxPaginator pages = client.list();
      pages.nextItems();
      assertThatThrownBy(pages::nextItems).isInstanceOf(ServerException.class);
      assertThat(pages.hasNext()).isTrue();
      assertThat(pages.nextToken()).contains("t1");
      assertThat(ids(pages.nextItems())).containsExactly("b");
    }
    api.take();
    assertThat(api.take().getTarget()).isEqualTo("/v2/sandboxes?nextToken=t1");
    assertThat(api.take().getTarget()).isEqualTo("/v2/sandboxes?nextToken=t1");
  }

  @Test
  void aNullBodyIsAnEmptyPage() throws Exception {
    api.enqueue(200, "null");
    try (SandboxClient client = api.client()) {
      SandboxPaginator pages = client.list();
      assertThat(pages.nextItems()).isEmpty();
      assertThat(pages.hasNext()).isFalse();
    }
  }

  /** Queues one list page with the given JSON body and cursor. */
  private void rawPage(String token, String body) {
    MockResponse.Builder response =
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(body);
    if (token != null) {
      response.setHeader("X-Next-Token", token);
    }
    api.enqueue(response.build());
  }

  @Test
  void aSandboxWithABlankMetadataKeyDoesNotBreakTheListing() {
    rawPage(
        null,
        "["
            + MockApi.listed("a", "running").replace("}", ",\"metadata\":{\"\":\"x\",\" \":\"\"}}")
            + "]");
    try (SandboxClient client = api.client()) {
      SandboxInfo info = client.list().nextItems().get(0);
      assertThat(info.metadata()).containsEntry("", "x").containsEntry(" ", "");
    }
  }

  @Test
  void aTokenCycleIsAProtocolErrorCountingTheAttempts() {
    rawPage("A", "[]");
    rawPage("B", "[]");
    api.enqueue(503, "{}");
    rawPage("A", "[]");
    try (SandboxClient client = api.client(b -> b.maxRetries(1))) {
      SandboxPaginator pages = client.list();
      pages.nextItems();
      pages.nextItems();
      assertThatThrownBy(pages::nextItems)
          .isInstanceOfSatisfying(
              SandboxProtocolException.class, e -> assertThat(e.attempts()).isEqualTo(2))
          .hasMessageContaining("cycle");
    }
  }
}
