package dev.sandbox4j;

import dev.sandbox4j.local.LocalSandboxServer;
import dev.sandbox4j.local.LocalSandboxServerExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared set-up of the tests that run the SDK against the embedded local server. */
final class LocalServers {
  private LocalServers() {}

  /** A server whose clock stands still: only the test moves time, so lifetimes are exact. */
  static LocalSandboxServerExtension withStoppedClock() {
    return new LocalSandboxServerExtension(
        LocalSandboxServer.builder()
            .clock(Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC))
            .build());
  }

  /** A client builder pointed at the server, isolated from the real environment. */
  static SandboxClient.Builder clientFor(LocalSandboxServer server) {
    return SandboxClient.builder()
        .apiUrl(server.apiUrl())
        .apiKey(server.apiKey())
        .environment(name -> null)
        .systemProperties(name -> null);
  }
}
