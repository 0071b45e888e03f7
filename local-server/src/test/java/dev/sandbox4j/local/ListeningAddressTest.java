package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The address a server listens on ({@code host(..)}, the standalone jar's {@code --host}). */
class ListeningAddressTest {

  @Test
  void theDefaultIsLoopback() {
    assertThat(LocalSandboxServer.builder().build().host()).isEqualTo("127.0.0.1");
  }

  @Test
  void aNamedHostIsBoundAndAnswers() throws Exception {
    try (LocalSandboxServer server =
        LocalSandboxServer.builder().host("localhost").build().start()) {
      assertThat(server.apiUrl()).isEqualTo("http://localhost:" + server.port());
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.apiUrl() + "/_local/health"))
                      .header("X-API-Key", server.apiKey())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void wildcardAddressesAreReachedThroughLoopbackAndIpv6IsBracketed() {
    assertThat(LocalSandboxServer.urlHost("0.0.0.0")).isEqualTo("127.0.0.1");
    assertThat(LocalSandboxServer.urlHost("::")).isEqualTo("127.0.0.1");
    assertThat(LocalSandboxServer.urlHost("::1")).isEqualTo("[::1]");
    assertThat(LocalSandboxServer.urlHost("sandbox-host")).isEqualTo("sandbox-host");
  }

  @Test
  void aBlankHostIsRefused() {
    assertThatThrownBy(() -> LocalSandboxServer.builder().host(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host");
  }
}
