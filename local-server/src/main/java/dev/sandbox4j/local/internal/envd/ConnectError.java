package dev.sandbox4j.local.internal.envd;

import dev.sandbox4j.local.internal.runtime.Failure;

/** A Connect error to answer with: a unary error body, or the error of an end-stream message. */
final class ConnectError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ConnectCode code;

  ConnectError(ConnectCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  static ConnectError of(Failure failure) {
    return new ConnectError(ConnectCode.of(failure.kind()), failure.getMessage());
  }

  ConnectCode code() {
    return code;
  }
}
