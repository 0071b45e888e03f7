package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LocalSandboxServerTest {

  @Test
  void startPicksAFreeLoopbackPortAndTheDefaultKey() {
    try (LocalSandboxServer server = LocalSandboxServer.start()) {
      assertThat(server.port()).isPositive();
      assertThat(server.apiUrl())
          .isEqualTo("http://127.0.0.1:" + server.port())
          .doesNotEndWith("/");
      assertThat(server.apiKey()).isEqualTo(LocalSandboxServer.DEFAULT_API_KEY);
      assertThat(server.accessToken()).isEmpty();
      assertThat(TestHttp.to(server).get("/v2/sandboxes").status()).isEqualTo(200);
    }
  }

  @Test
  void aBuilderConfigurationStartsOnTheGivenPort() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    LocalSandboxServer.Config config =
        LocalSandboxServer.builder().port(port).apiKey("sk_x").accessToken("tok").build();

    try (LocalSandboxServer server = config.start()) {
      assertThat(server.port()).isEqualTo(port);
      assertThat(server.apiUrl()).isEqualTo("http://127.0.0.1:" + port);
      assertThat(server.apiKey()).isEqualTo("sk_x");
      assertThat(server.accessToken()).contains("tok");
      assertThatThrownBy(config::start)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining(String.valueOf(port));
    }
    assertThat(config.port()).isEqualTo(port);
    assertThat(config.toString()).doesNotContain("sk_x").doesNotContain("tok");
  }

  @Test
  void aConfigurationStartsIndependentEmptyServers() {
    LocalSandboxServer.Config config = LocalSandboxServer.builder().build();
    try (LocalSandboxServer one = config.start();
        LocalSandboxServer two = config.start()) {
      one.admin().seed(SeedSpec.of(3));

      assertThat(one.port()).isNotEqualTo(two.port());
      assertThat(two.admin().sandboxCount()).isZero();
    }
  }

  @Test
  void theClockIsTheBaseClockPlusEveryAdvance() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    try (LocalSandboxServer server =
        LocalSandboxServer.builder().clock(Clock.fixed(t0, ZoneOffset.UTC)).build().start()) {
      assertThat(server.admin().now()).isEqualTo(t0);
      assertThat(server.admin().advanceClock(Duration.ofMinutes(5))).isEqualTo(t0.plusSeconds(300));
      assertThat(server.admin().now()).isEqualTo(t0.plusSeconds(300));
      assertThatThrownBy(() -> server.admin().advanceClock(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
      server.admin().reset();
      assertThat(server.admin().now()).isEqualTo(t0);
    }
  }

  @Test
  void closeStopsListeningAndIsIdempotent() {
    LocalSandboxServer server = LocalSandboxServer.start();
    int port = server.port();

    server.close();
    server.close();

    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
  }

  @Test
  void toStringShowsTheUrlButNeverTheKey() {
    try (LocalSandboxServer server =
        LocalSandboxServer.builder().apiKey("sk_secret_value").build().start()) {
      assertThat(server.toString()).contains(server.apiUrl()).doesNotContain("sk_secret_value");
    }
  }

  @Test
  void builderRejectsBadValues() {
    LocalSandboxServer.Builder builder = LocalSandboxServer.builder();

    assertThatThrownBy(() -> builder.port(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.port(65_536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.apiKey("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.apiKey(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.accessToken("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void seedSpecsValidateAndDefault() {
    SeedSpec spec = SeedSpec.of(7);

    assertThat(spec.count()).isEqualTo(7);
    assertThat(spec.templateId()).isEqualTo("base");
    assertThat(spec.metadata()).isEmpty();
    assertThat(spec.paused()).isFalse();
    assertThat(spec.newestStartedAt()).isEmpty();
    assertThat(spec.spacing()).isEqualTo(Duration.ofSeconds(1));
    assertThat(spec.timeout()).isEqualTo(Duration.ofHours(1));
    assertThat(spec.autoPause()).isFalse();
    assertThatThrownBy(() -> SeedSpec.builder().count(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SeedSpec.builder().count(SeedSpec.MAX_COUNT + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SeedSpec.builder().templateId(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SeedSpec.builder().spacing(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SeedSpec.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
