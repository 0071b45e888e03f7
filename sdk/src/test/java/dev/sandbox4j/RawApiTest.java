package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.generated.ApiException;
import dev.sandbox4j.generated.model.NewSandbox;
import dev.sandbox4j.raw.RawApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** raw() reaches the generated client through the SDK's own HTTP stack and retry rules. */
class RawApiTest {
  private final MockApi api;

  RawApiTest() throws Exception {
    api = new MockApi();
  }

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void rawCallsCarryCredentialsIdentityAndBaseUrl() throws Exception {
    api.enqueue(200, "[" + MockApi.listed("a", "running") + "]");
    try (SandboxClient client = api.client()) {
      RawApi raw = client.raw();
      assertThat(raw.sandboxes().listSandboxes(null, null, 5, null)).hasSize(1);
      assertThat(raw.httpClient().followRedirects()).isFalse();
    }
    RecordedRequest request = api.take();
    assertThat(request.getTarget()).isEqualTo("/v2/sandboxes?limit=5");
    assertThat(request.getHeaders().get("X-API-Key")).isEqualTo(MockApi.KEY);
    assertThat(request.getHeaders().get("User-Agent")).startsWith("sandbox4j/");
  }

  @Test
  void rawCallsAreRetriedByTheSameRules() throws Exception {
    api.enqueue(503, "{\"code\":503,\"message\":\"busy\"}");
    api.enqueue(200, "[]");
    api.enqueue(500, "{\"code\":500,\"message\":\"boom\"}");
    api.enqueue(201, MockApi.CREATED);
    try (SandboxClient client = api.client(b -> b.maxRetries(2))) {
      RawApi raw = client.raw();
      assertThat(raw.sandboxes().listSandboxes(null, null, null, null)).isEmpty();
      assertThatThrownBy(
              () -> raw.sandboxes().createSandbox(new NewSandbox().templateID("base").timeout(60)))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(500));
    }
    assertThat(api.server.getRequestCount()).isEqualTo(3);
    assertThat(api.sleeps).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void rawDebuggingLogsHeadersWithCredentialsRedacted() {
    List<String> lines = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger okhttp = Logger.getLogger("okhttp3.OkHttpClient");
    okhttp.addHandler(capture);
    api.enqueue(
        201,
        "{\"sandboxID\":\"s\",\"templateID\":\"t\",\"envdVersion\":\"1\",\"envdAccessToken\":\"envd_CANARY\"}");
    try (SandboxClient client = api.client()) {
      var raw = client.raw();
      raw.apiClient().setDebugging(true);
      assertThat(raw.apiClient().isDebugging()).isTrue();
      raw.sandboxes()
          .createSandbox(new dev.sandbox4j.generated.model.NewSandbox().templateID("t").timeout(5));
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      okhttp.removeHandler(capture);
    }
    assertThat(lines).anyMatch(l -> l.startsWith("X-API-Key"));
    assertThat(String.join("\n", lines)).doesNotContain(MockApi.KEY).doesNotContain("envd_CANARY");
  }

  @Test
  void rawCallersSeeRetryAfterAndRawRetriesHonourIt() {
    api.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "2").build());
    api.enqueue(200, "[]");
    api.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").build());
    try (SandboxClient client = api.client(b -> b.maxRetries(1))) {
      var raw = client.raw();
      assertThat(raw.sandboxes().listSandboxes(null, null, null, null)).isEmpty();
      assertThat(api.sleeps).containsExactly(Duration.ofSeconds(2));
      assertThatThrownBy(() -> raw.sandboxes().getSandbox("abc"))
          .isInstanceOfSatisfying(
              dev.sandbox4j.generated.ApiException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(429);
                assertThat(e.getResponseHeaders()).containsEntry("retry-after", List.of("3600"));
              });
    }
  }
}
