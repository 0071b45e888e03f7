package dev.sandbox4j;

import dev.sandbox4j.internal.Args;

/**
 * Holds the client behind the static {@link Sandbox} one-liners ({@link
 * SandboxClient#getDefault()}): built from the environment on first use unless one was set. If
 * building fails (no credentials), the next call tries again.
 */
final class DefaultClient {
  private static SandboxClient instance;

  /** Whether the SDK built the instance itself, and so closes it when it is replaced. */
  private static boolean builtHere;

  private DefaultClient() {}

  static synchronized SandboxClient get() {
    if (instance == null) {
      instance = SandboxClient.fromEnv();
      builtHere = true;
    }
    return instance;
  }

  static synchronized void set(SandboxClient client) {
    Args.nonNull(client, "client");
    if (client != instance) {
      closeBuiltHere();
    }
    instance = client;
    builtHere = false;
  }

  static synchronized void reset() {
    closeBuiltHere();
    instance = null;
    builtHere = false;
  }

  private static void closeBuiltHere() {
    if (builtHere && instance != null) {
      instance.close();
    }
  }
}
