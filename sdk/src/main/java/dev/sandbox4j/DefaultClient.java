package dev.sandbox4j;

/**
 * Holds the client behind the static {@link Sandbox} one-liners: built from the environment on
 * first use, then shared and never reconfigured. If building fails (no credentials), the next
 * call tries again.
 */
final class DefaultClient {
  private static volatile SandboxClient instance;

  private DefaultClient() {}

  static SandboxClient get() {
    SandboxClient client = instance;
    if (client == null) {
      synchronized (DefaultClient.class) {
        client = instance;
        if (client == null) {
          client = SandboxClient.fromEnv();
          instance = client;
        }
      }
    }
    return client;
  }
}
