package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sandbox4j.errors.SandboxConnectionException;
import dev.sandbox4j.local.LocalSandboxServer;
import dev.sandbox4j.local.LocalSandboxServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An {@code https://} URL pointing at a plain-HTTP server (the local server): the SDK fails at
 * once, without retrying, says what is probably wrong, and a create does not claim the server may
 * have made a sandbox (the handshake failed, so nothing was sent).
 */
class TlsHandshakeFailureTest {

  @RegisterExtension
  static final LocalSandboxServerExtension LOCAL = LocalServers.withStoppedClock();

  @Test
  void anHttpsUrlOnAPlainHttpServerFailsOnceWithAHint(LocalSandboxServer server) {
    String httpsUrl = server.apiUrl().replace("http://", "https://");
    try (SandboxClient client = LocalServers.clientFor(server).apiUrl(httpsUrl).build()) {
      long started = System.nanoTime();

      SandboxConnectionException create =
          catchThrowableOfType(() -> client.create(), SandboxConnectionException.class);
      SandboxConnectionException list =
          catchThrowableOfType(() -> client.list().nextItems(), SandboxConnectionException.class);

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      for (SandboxConnectionException e : new SandboxConnectionException[] {create, list}) {
        assertThat(e.getMessage())
            .contains("TLS handshake failed: is " + httpsUrl + " an http:// server?");
        assertThat(e.attempts()).as("not retried").isEqualTo(1);
      }
      assertThat(create.getMessage()).doesNotContain("may have created");
      assertThat(server.admin().sandboxCount()).isZero();
    }
  }
}
