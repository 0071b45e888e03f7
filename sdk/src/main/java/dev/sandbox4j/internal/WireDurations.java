package dev.sandbox4j.internal;

import dev.sandbox4j.errors.SandboxConfigurationException;
import java.time.Duration;

/** Converts the public API's {@link Duration}s into the whole seconds the wire carries. */
public final class WireDurations {
  private WireDurations() {}

  /**
   * Returns a sandbox lifetime in whole seconds, rounded up (1500 ms becomes 2) so that a sandbox
   * never lives shorter than asked; the server rejects 0, so the lifetime must be positive and fit
   * the wire's 32-bit field.
   */
  public static int lifetimeSeconds(Duration lifetime, String name) {
    Args.nonNull(lifetime, name);
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new SandboxConfigurationException(name + " must be positive, got " + lifetime);
    }
    long seconds = lifetime.getSeconds() + (lifetime.getNano() > 0 ? 1 : 0);
    if (seconds > Integer.MAX_VALUE) {
      throw new SandboxConfigurationException(
          name + " must be at most " + Integer.MAX_VALUE + " seconds, got " + lifetime);
    }
    return (int) seconds;
  }
}
