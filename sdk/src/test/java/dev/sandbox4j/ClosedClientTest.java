package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.SandboxConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A closed client, and every view and raw client derived from it, sends nothing. */
class ClosedClientTest {
  private final MockApi api;

  ClosedClientTest() throws Exception {
    api = new MockApi();
  }

  @AfterEach
  void close() {
    api.close();
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
    assertThatThrownBy(() -> client.list().nextItems())
        .isInstanceOf(SandboxConfigurationException.class);
    assertThatThrownBy(() -> client.async().getInfo("a").join())
        .hasCauseInstanceOf(SandboxConfigurationException.class);
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
}
