package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.BadRequestException;
import dev.sandbox4j.errors.SandboxProtocolException;
import dev.sandbox4j.errors.SandboxTimeoutException;
import dev.sandbox4j.errors.ServerException;
import dev.sandbox4j.errors.UnexpectedStatusException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server-side half of the bad-input matrix: hostile or broken answers, bounded handling. */
class ServerBadAnswersTest {
  private final MockApi api;

  ServerBadAnswersTest() throws Exception {
    api = new MockApi();
  }

  @AfterEach
  void close() {
    api.close();
  }

  private static Buffer bytes(long size, char fill) {
    Buffer buffer = new Buffer();
    byte[] chunk = String.valueOf(fill).repeat(64 * 1024).getBytes();
    for (long written = 0; written < size; written += chunk.length) {
      buffer.write(chunk, 0, (int) Math.min(chunk.length, size - written));
    }
    return buffer;
  }

  @Test
  void aTenMegabyteErrorBodyIsCutToASnippet() {
    api.enqueue(new MockResponse.Builder().code(500).body(bytes(10L << 20, 'x')).build());
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(() -> client.getInfo("sbx1"))
          .isInstanceOfSatisfying(
              ServerException.class,
              e -> assertThat(e.serverMessage().orElseThrow()).hasSizeLessThan(300));
    }
  }

  @Test
  void aTwentyMegabyteSuccessBodyIsRefused() throws Exception {
    // Well-formed as far as it goes (an unknown field's value), so only the size can stop it.
    Buffer body = new Buffer().writeUtf8("[{\"futureField\":\"");
    body.writeAll(bytes(20L << 20, 'y'));
    api.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(body)
            .build());
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(() -> client.list().nextItems())
          .isInstanceOf(SandboxProtocolException.class)
          .hasMessageContaining("exceeds");
    }
  }

  @Test
  void aBodyThatNeverEndsTimesOut() {
    api.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body("[\"" + "z".repeat(10_000) + "\"]")
            .throttleBody(1, 1, java.util.concurrent.TimeUnit.SECONDS)
            .build());
    long start = System.nanoTime();
    try (SandboxClient client =
        api.client(b -> b.maxRetries(0).requestTimeout(Duration.ofMillis(400)))) {
      assertThatThrownBy(() -> client.list().nextItems())
          .isInstanceOf(SandboxTimeoutException.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void anInvalidTokenRejectedByTheServerIsABadRequest() {
    api.enqueue(400, "{\"code\":400,\"message\":\"invalid next token\"}");
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(
              () ->
                  client.list(SandboxListQuery.builder().nextToken("garbage!").build()).nextItems())
          .isInstanceOf(BadRequestException.class)
          .hasMessageContaining("invalid next token");
    }
  }

  @Test
  void unknownStatusCodesAreUnexpectedStatus() {
    api.enqueue(new MockResponse.Builder().code(299).body("odd").build());
    api.enqueue(new MockResponse.Builder().code(451).body("legal").build());
    api.enqueue(new MockResponse.Builder().code(599).body("weird").build());
    try (SandboxClient client = api.client()) {
      // 299 is a success the SDK cannot read as a page.
      assertThatThrownBy(() -> client.list().nextItems())
          .isInstanceOf(SandboxProtocolException.class);
      assertThatThrownBy(() -> client.list().nextItems())
          .isInstanceOfSatisfying(
              UnexpectedStatusException.class, e -> assertThat(e.statusCode()).isEqualTo(451));
      assertThatThrownBy(() -> client.list().nextItems()).isInstanceOf(ServerException.class);
    }
  }

  @Test
  void anEmptyCreateAnswerIsAProtocolError() {
    api.enqueue(new MockResponse.Builder().code(201).build());
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(client::create)
          .isInstanceOf(SandboxProtocolException.class)
          .hasMessageContaining("without a body");
    }
  }

  /** Queues one last list page with the given JSON body. */
  private void listPage(String body) {
    api.enqueue(200, body);
  }

  @Test
  void brokenItemsFromTheServerAreProtocolErrorsNamingTheField() {
    listPage(
        "[" + MockApi.listed("a", "running").replace("\"cpuCount\":2", "\"cpuCount\":null") + "]");
    listPage(
        "["
            + MockApi.listed("a", "running").replace("\"sandboxID\":\"a\"", "\"sandboxID\":\"\"")
            + "]");
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(() -> client.list().nextItems())
          .isInstanceOf(SandboxProtocolException.class)
          .hasMessageContaining("required field cpuCount is null");
      assertThatThrownBy(() -> client.list().nextItems())
          .isInstanceOf(SandboxProtocolException.class);
    }
  }
}
