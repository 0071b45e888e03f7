package dev.sandbox4j.internal;

import dev.sandbox4j.errors.SandboxException;

/**
 * Carries, out of an attempt, a decision taken before anything was sent (the client is closed, the
 * request cannot be built, the thread was interrupted), so that the retry engine throws it as it is
 * instead of classifying it as a failed exchange.
 */
final class RefusedBeforeSending extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final SandboxException reason;

  RefusedBeforeSending(SandboxException reason) {
    super(reason.getMessage(), null, false, false);
    this.reason = reason;
  }

  SandboxException reason() {
    return reason;
  }
}
