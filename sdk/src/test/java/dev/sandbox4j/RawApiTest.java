package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.generated.ApiException;
import dev.sandbox4j.generated.model.NewSandbox;
import dev.sandbox4j.raw.RawApi;
import java.time.Duration;
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
      assertThatThrownBy(() -> raw.sandboxes().createSandbox(new NewSandbox().templateID("base").timeout(60)))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(500));
    }
    assertThat(api.server.getRequestCount()).isEqualTo(3);
    assertThat(api.sleeps).containsExactly(Duration.ofMillis(500));
  }
}
