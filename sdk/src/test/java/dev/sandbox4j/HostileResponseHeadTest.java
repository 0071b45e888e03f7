package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.RateLimitException;
import dev.sandbox4j.errors.SandboxProtocolException;
import dev.sandbox4j.errors.ServerException;
import dev.sandbox4j.internal.Sleeper;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Answers whose status arrived but whose head or error body is hostile, sent byte for byte by a raw
 * socket: the status decides what happens, and a head over OkHttp's limit is said plainly.
 */
class HostileResponseHeadTest {
  private static final String CREATED = MockApi.CREATED;

  private final RawSocketServer server;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  HostileResponseHeadTest() throws Exception {
    server = new RawSocketServer();
  }

  @AfterEach
  void close() throws Exception {
    server.close();
  }

  private SandboxClient client(Consumer<SandboxClient.Builder> more) {
    Sleeper recording = sleeps::add;
    SandboxClient.Builder builder =
        SandboxClient.builder()
            .apiUrl(server.url())
            .apiKey(MockApi.KEY)
            .environment(name -> null)
            .systemProperties(name -> null)
            .sleeper(recording)
            .jitter(() -> 0.0)
            .maxRetries(2);
    more.accept(builder);
    return builder.build();
  }

  private static String answer(int status, String headers, String body) {
    return "HTTP/1.1 "
        + status
        + " X\r\n"
        + headers
        + "Content-Type: application/json\r\n"
        + "Content-Length: "
        + body.length()
        + "\r\nConnection: close\r\n\r\n"
        + body;
  }

  @Test
  void aRetryAfterWithNonAsciiOrControlCharactersLeavesTheDecisionToTheStatus() {
    server.enqueue(answer(503, "Retry-After: 2\u00e9\r\n", "{}"));
    server.enqueue(answer(503, "Retry-After: 1\u0007\r\n", "{}"));
    server.enqueue(answer(201, "", CREATED));
    try (SandboxClient client = client(b -> {})) {
      assertThat(client.create().sandboxId()).isEqualTo("sbx1");
    }
    assertThat(server.requestCount()).isEqualTo(3);
    // Unreadable, so the backoff applies, as if there were no header.
    assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void aRetryAfterOfThirteenDigitsIsAHugeWaitNotAnUnreadableOne() {
    server.enqueue(answer(429, "Retry-After: 1234567890123\r\n", "{}"));
    try (SandboxClient client = client(b -> {})) {
      assertThatThrownBy(() -> client.list().nextItems())
          .isInstanceOfSatisfying(
              RateLimitException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.retryAfter().orElseThrow()).isGreaterThan(Duration.ofDays(365));
              });
    }
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aServiceUnavailableWithACorruptGzipBodyIsAServerErrorAndRetried() throws Exception {
    byte[] corrupt = gzip("{\"message\":\"down\"}");
    corrupt[corrupt.length - 6] ^= 0x55; // breaks the CRC in the gzip trailer
    corrupt[12] ^= 0x55;
    String head =
        "HTTP/1.1 503 X\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
            + "Content-Length: "
            + corrupt.length
            + "\r\nConnection: close\r\n\r\n";
    server.enqueue(head, corrupt);
    server.enqueue(head, corrupt);
    server.enqueue(head, corrupt);
    try (SandboxClient client = client(b -> {})) {
      assertThatThrownBy(client::create)
          .isInstanceOfSatisfying(
              ServerException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(503);
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.getMessage()).doesNotContain("may have created");
              });
    }
  }

  @Test
  void aServiceUnavailableWhoseBodyIsCutShortIsAServerErrorAndRetried() {
    String cut =
        "HTTP/1.1 503 X\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n"
            + "Connection: close\r\n\r\n{\"message\":";
    server.enqueue(cut);
    server.enqueue(answer(201, "", CREATED));
    try (SandboxClient client = client(b -> {})) {
      assertThat(client.create().sandboxId()).isEqualTo("sbx1");
    }
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void headersOverTheLimitAreSaidPlainlyAndNotRetried() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      many.append("X-").append(i).append(": v\r\n");
    }
    List<String> heads =
        List.of(
            many.toString(),
            "X-Long: " + "a".repeat(10_000_000) + "\r\n",
            "X-Next-Token: " + "t".repeat(1 << 20) + "\r\n");
    for (String head : heads) {
      int before = server.requestCount();
      server.enqueue(answer(200, head, "[]"));
      server.enqueue(answer(200, "", "[]"));
      try (SandboxClient client = client(b -> {})) {
        assertThatThrownBy(() -> client.list().nextItems())
            .isInstanceOfSatisfying(
                SandboxProtocolException.class,
                e -> {
                  assertThat(e.attempts()).isEqualTo(1);
                  assertThat(e.getMessage()).contains("response headers").contains("limit");
                  assertThat(e.getMessage()).doesNotContain("closed the connection");
                });
      }
      assertThat(server.requestCount() - before).isEqualTo(1);
      // Drop the unused answer before the next case.
      try (SandboxClient client = client(b -> {})) {
        assertThat(client.list().nextItems()).isEmpty();
      }
    }
  }

  @Test
  void aConnectionClosedMidHeadIsStillALostConnectionAndRetried() {
    server.enqueue("HTTP/1.1 200 X\r\nContent-Ty");
    server.enqueue(answer(200, "", "[]"));
    try (SandboxClient client = client(b -> {})) {
      assertThat(client.list().nextItems()).isEmpty();
    }
    assertThat(server.requestCount()).isEqualTo(2);
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes());
    }
    return bytes.toByteArray();
  }
}
