package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.SandboxConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where each setting comes from: builder, then system property, then environment, then default. */
class ConfigurationTest {
  private final MockApi api;

  ConfigurationTest() throws Exception {
    api = new MockApi();
  }

  @AfterEach
  void close() {
    api.close();
  }

  private String keySentBy(SandboxClient.Builder builder) throws Exception {
    api.enqueue(200, "[]");
    try (SandboxClient client = builder.maxRetries(0).build()) {
      client.list().nextItems();
    }
    return api.take().getHeaders().get("X-API-Key");
  }

  private SandboxClient.Builder base() {
    return SandboxClient.builder().apiUrl(api.server.url("/").toString());
  }

  @Test
  void builderBeatsSystemPropertyBeatsEnvironment() throws Exception {
    Map<String, String> env = Map.of("NOVITA_API_KEY", "from-env");
    Map<String, String> props = Map.of("novita.apiKey", "from-prop");
    assertThat(
            keySentBy(
                base().environment(env::get).systemProperties(props::get).apiKey("from-builder")))
        .isEqualTo("from-builder");
    assertThat(keySentBy(base().environment(env::get).systemProperties(props::get)))
        .isEqualTo("from-prop");
    assertThat(keySentBy(base().environment(env::get).systemProperties(k -> null)))
        .isEqualTo("from-env");
  }

  @Test
  void blankValuesCountAsUnset() throws Exception {
    Map<String, String> env = Map.of("NOVITA_API_KEY", "from-env");
    Map<String, String> props = Map.of("novita.apiKey", "  ");
    assertThat(keySentBy(base().environment(env::get).systemProperties(props::get).apiKey("")))
        .isEqualTo("from-env");
  }

  @Test
  void apiUrlComesFromTheEnvironmentOrTheDomain() {
    Map<String, String> env = Map.of("NOVITA_API_KEY", "k", "NOVITA_API_URL", "  127.0.0.1:3000  ");
    try (SandboxClient client =
        SandboxClient.builder().environment(env::get).systemProperties(k -> null).build()) {
      assertThat(client.toString()).contains("apiUrl=https://127.0.0.1:3000/");
    }
    Map<String, String> domainOnly =
        Map.of("NOVITA_API_KEY", "k", "NOVITA_DOMAIN", "eu.example.dev");
    try (SandboxClient client =
        SandboxClient.builder().environment(domainOnly::get).systemProperties(k -> null).build()) {
      assertThat(client.toString())
          .contains("apiUrl=https://api.eu.example.dev/")
          .contains("domain=eu.example.dev");
    }
    try (SandboxClient client =
        SandboxClient.builder()
            .environment(Map.of("NOVITA_API_KEY", "k")::get)
            .systemProperties(k -> null)
            .build()) {
      assertThat(client.toString()).contains("apiUrl=https://api.us-phx-1.sandbox.novita.ai/");
    }
  }

  @Test
  void debugModePointsAtALocalServer() {
    Map<String, String> env = Map.of("NOVITA_API_KEY", "k", "NOVITA_DEBUG", "TRUE");
    try (SandboxClient client =
        SandboxClient.builder().environment(env::get).systemProperties(k -> null).build()) {
      assertThat(client.toString())
          .contains("apiUrl=http://localhost:3000/")
          .contains("debug=true");
    }
  }

  @Test
  void toStringRedactsCredentials() {
    try (SandboxClient client =
        SandboxClient.builder()
            .apiKey("sk_canary_1234")
            .accessToken("tok_canary_5678")
            .environment(k -> null)
            .systemProperties(k -> null)
            .build()) {
      assertThat(client.toString())
          .doesNotContain("sk_canary_1234")
          .doesNotContain("tok_canary_5678")
          .contains("[redacted]");
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
  void withOptionsCanRaiseTheRequestTimeout() {
    api.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(MockApi.listed("a", "running"))
            .headersDelay(1500, TimeUnit.MILLISECONDS)
            .build());
    try (SandboxClient client =
        api.client(b -> b.maxRetries(0).requestTimeout(Duration.ofMillis(500)))) {
      SandboxClient patient = client.withOptions(o -> o.requestTimeout(Duration.ofSeconds(10)));
      assertThat(patient.getInfo("a").sandboxId()).isEqualTo("a");
    }
  }

  @Test
  void anApiUrlWithAPasswordIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> api.client(b -> b.apiUrl("https://user:hunter2secret@example.com")))
        .isInstanceOf(SandboxConfigurationException.class)
        .hasMessageContaining("apiUrl")
        .hasMessageNotContaining("hunter2secret");
  }
}
