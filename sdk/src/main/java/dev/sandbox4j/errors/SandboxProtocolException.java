package dev.sandbox4j.errors;

/**
 * Thrown when the server's answer made no sense to the SDK: an unparseable or oversized body, HTML
 * instead of JSON, a missing required field, or a repeated page token.
 */
public class SandboxProtocolException extends SandboxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without secrets
   * @param cause the underlying failure, or {@code null}
   * @param attempts how many attempts were made, counting the first
   */
  public SandboxProtocolException(String message, Throwable cause, int attempts) {
    super(message, cause, attempts);
  }
}
