package dev.sandbox4j.internal;

import dev.sandbox4j.errors.SandboxConfigurationException;

/**
 * Carries, out of an attempt, a decision taken before anything was sent (the client is closed,
 * the request cannot be built), so that the retry engine throws it as it is instead of
 * classifying it as a failed exchange.
 */
final class RefusedBeforeSending extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final SandboxConfigurationException reason;

  RefusedBeforeSending(SandboxConfigurationException reason) {
    super(reason.getMessage(), null, false, false);
    this.reason = reason;
  }

  SandboxConfigurationException reason() {
    return reason;
  }
}
