package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.BadRequestException;
import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.errors.SandboxProtocolException;
import dev.sandbox4j.errors.ServerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Edge cases a review turned up: hidden retries inside OkHttp, hostile list items, token cycles,
 * unsendable credentials, what a cause may carry, timeouts at the limits, and closed clients.
 */
class ReviewFindingsTest {
  private final MockApi api;

  ReviewFindingsTest() throws Exception {
    api = new MockApi();
  }

  @AfterEach
  void close() {
    api.close();
  }

  private void page(String token, String body) {
    MockResponse.Builder response =
        new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body);
    if (token != null) {
      response.setHeader("X-Next-Token", token);
    }
    api.enqueue(response.build());
  }

  @Test
  void okHttpNeverResendsAfterA503WithRetryAfterZero() {
    api.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").build());
    api.enqueue(201, MockApi.CREATED);
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(client::create)
          .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.attempts()).isEqualTo(1));
    }
    assertThat(api.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retryAfterZeroIsStillHonouredByTheSdksOwnRules() {
    api.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").build());
    api.enqueue(201, MockApi.CREATED);
    try (SandboxClient client = api.client(b -> b.maxRetries(1))) {
      assertThat(client.create().sandboxId()).isEqualTo("sbx1");
    }
    assertThat(api.sleeps).containsExactly(Duration.ZERO);
    assertThat(api.server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aSandboxWithABlankMetadataKeyDoesNotBreakTheListing() {
    page(null, "[" + MockApi.listed("a", "running").replace("}", ",\"metadata\":{\"\":\"x\",\" \":\"\"}}") + "]");
    try (SandboxClient client = api.client()) {
      SandboxInfo info = client.list().nextItems().get(0);
      assertThat(info.metadata()).containsEntry("", "x").containsEntry(" ", "");
    }
  }

  @Test
  void aTokenCycleIsAProtocolErrorCountingTheAttempts() {
    page("A", "[]");
    page("B", "[]");
    api.enqueue(503, "{}");
    page("A", "[]");
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

  @Test
  void unsendableCredentialsAndHeadersFailInBuildWithoutShowingTheValue() {
    assertThatThrownBy(() -> api.client(b -> b.apiKey("sk_canary\nsecret")))
        .isInstanceOf(SandboxConfigurationException.class)
        .hasMessageContaining("apiKey")
        .hasMessageNotContaining("sk_canary");
    assertThatThrownBy(() -> api.client(b -> b.header("X-User", "José")))
        .isInstanceOf(SandboxConfigurationException.class)
        .hasMessageContaining("X-User")
        .hasMessageNotContaining("José");
    assertThat(api.server.getRequestCount()).isZero();
  }

  @Test
  void theCauseOfAStatusErrorCarriesNoBodyBeyondTheSnippetAndNoEchoedKey() {
    api.enqueue(
        new MockResponse.Builder()
            .code(400)
            .setHeader("X-Echo", MockApi.KEY)
            .body("{\"message\":\"bad\"}" + " ".repeat(60_000) + MockApi.KEY)
            .build());
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(() -> client.getInfo("sbx1"))
          .isInstanceOfSatisfying(
              BadRequestException.class,
              e -> {
                assertThat(e.getCause().getMessage()).hasSizeLessThan(1_000).doesNotContain(MockApi.KEY);
                assertThat(e.getCause().toString()).doesNotContain(MockApi.KEY);
              });
    }
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
    api.enqueue(201, "{\"sandboxID\":\"s\",\"templateID\":\"t\",\"envdVersion\":\"1\",\"envdAccessToken\":\"envd_CANARY\"}");
    try (SandboxClient client = api.client()) {
      var raw = client.raw();
      raw.apiClient().setDebugging(true);
      assertThat(raw.apiClient().isDebugging()).isTrue();
      raw.sandboxes().createSandbox(new dev.sandbox4j.generated.model.NewSandbox().templateID("t").timeout(5));
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      okhttp.removeHandler(capture);
    }
    assertThat(lines).anyMatch(l -> l.startsWith("X-API-Key"));
    assertThat(String.join("\n", lines)).doesNotContain(MockApi.KEY).doesNotContain("envd_CANARY");
  }

  @Test
  void timeoutsBeyondWhatOkHttpCanEnforceAreConfigurationErrors() {
    assertThatThrownBy(() -> api.client(b -> b.requestTimeout(Duration.ofDays(30))))
        .isInstanceOf(SandboxConfigurationException.class)
        .hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> api.client(b -> b.callTimeout(Duration.ofSeconds(Long.MAX_VALUE))))
        .isInstanceOf(SandboxConfigurationException.class)
        .hasMessageContaining("callTimeout");
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(() -> client.withOptions(o -> o.callTimeout(Duration.ofDays(365))))
          .isInstanceOf(SandboxConfigurationException.class);
    }
  }

  @Test
  void aClosedClientFailsTypedOnEveryPathAndSendsNothing() {
    SandboxClient client = api.client();
    SandboxClient view = client.withOptions(o -> o.maxRetries(0));
    client.close();
    client.close();
    assertThatThrownBy(() -> client.getInfo("a"))
        .isInstanceOf(SandboxConfigurationException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> view.kill("a")).isInstanceOf(SandboxConfigurationException.class);
    assertThatThrownBy(() -> client.list().nextItems()).isInstanceOf(SandboxConfigurationException.class);
    assertThatThrownBy(() -> client.async().getInfo("a").join())
        .hasCauseInstanceOf(SandboxConfigurationException.class);
    assertThat(api.server.getRequestCount()).isZero();
  }

  @Test
  void withOptionsCanRaiseTheRequestTimeout() {
    api.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(MockApi.listed("a", "running"))
            .headersDelay(1500, TimeUnit.MILLISECONDS)
            .build());
    try (SandboxClient client = api.client(b -> b.maxRetries(0).requestTimeout(Duration.ofMillis(500)))) {
      SandboxClient patient = client.withOptions(o -> o.requestTimeout(Duration.ofSeconds(10)));
      assertThat(patient.getInfo("a").sandboxId()).isEqualTo("a");
    }
  }

  @Test
  void anInterruptedCallerGetsATypedErrorKeepsItsFlagAndSendsNothing() {
    try (SandboxClient client = api.client(b -> b.maxRetries(3))) {
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(client::create)
            .isInstanceOf(dev.sandbox4j.errors.SandboxException.class)
            .hasMessageNotContaining("may have created");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
    }
    assertThat(api.server.getRequestCount()).isZero();
  }

  @Test
  void rawStopsOnceTheClientIsClosed() {
    SandboxClient client = api.client();
    var raw = client.raw();
    client.close();
    assertThatThrownBy(client::raw).isInstanceOf(SandboxConfigurationException.class);
    assertThatThrownBy(() -> raw.sandboxes().killSandbox("abc"))
        .isInstanceOf(dev.sandbox4j.generated.ApiException.class)
        .hasRootCauseMessage("this SandboxClient is closed");
    assertThat(api.server.getRequestCount()).isZero();
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

  @Test
  void anAuthenticatorOnTheUsersClientNeverResends() {
    api.enqueue(401, "{\"message\":\"no\"}");
    api.enqueue(201, MockApi.CREATED);
    okhttp3.OkHttpClient users =
        new okhttp3.OkHttpClient.Builder().authenticator((route, response) -> response.request()).build();
    try (SandboxClient client = api.client(b -> b.maxRetries(0).httpClient(users))) {
      assertThatThrownBy(client::create).isInstanceOf(dev.sandbox4j.errors.AuthenticationException.class);
    }
    assertThat(api.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anApiUrlWithAPasswordIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> api.client(b -> b.apiUrl("https://user:hunter2secret@example.com")))
        .isInstanceOf(SandboxConfigurationException.class)
        .hasMessageContaining("apiUrl")
        .hasMessageNotContaining("hunter2secret");
  }

  @Test
  void brokenItemsFromTheServerAreProtocolErrorsNamingTheField() {
    page(null, "[" + MockApi.listed("a", "running").replace("\"cpuCount\":2", "\"cpuCount\":null") + "]");
    page(null, "[" + MockApi.listed("a", "running").replace("\"sandboxID\":\"a\"", "\"sandboxID\":\"\"") + "]");
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(() -> client.list().nextItems())
          .isInstanceOf(SandboxProtocolException.class)
          .hasMessageContaining("required field cpuCount is null");
      assertThatThrownBy(() -> client.list().nextItems()).isInstanceOf(SandboxProtocolException.class);
    }
  }
}
