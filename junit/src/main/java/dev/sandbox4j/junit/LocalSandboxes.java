package dev.sandbox4j.junit;

import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.local.LocalSandboxServer;

/** Builds SDK clients pointed at a {@link LocalSandboxServer}. */
public final class LocalSandboxes {
  private LocalSandboxes() {}

  /**
   * Returns a client of the server, isolated from {@code NOVITA_*} environment variables and system
   * properties (so that a developer's real credentials never reach it). Close it when done.
   *
   * @param server a running local server
   * @return a new client sending the server's API key to its URL
   */
  public static SandboxClient client(LocalSandboxServer server) {
    return clientBuilder(server).build();
  }

  /**
   * Returns a client builder already pointed at the server, for further settings (retries,
   * timeouts, headers).
   *
   * @param server a running local server
   * @return a builder with the server's URL (for the API and for traffic into its sandboxes) and
   *     API key, isolated from the environment
   */
  public static SandboxClient.Builder clientBuilder(LocalSandboxServer server) {
    return SandboxClient.builder()
        .apiUrl(server.apiUrl())
        .sandboxUrl(server.sandboxUrl())
        .apiKey(server.apiKey())
        .environment(name -> null)
        .systemProperties(name -> null);
  }
}
