package dev.sandbox4j.errors;

/**
 * The root of every exception sandbox4j throws; catch this to handle any SDK failure.
 *
 * <p>All sandbox4j exceptions are unchecked. Messages name the operation, the sandbox (when there
 * is one) and the HTTP status, and never contain an API key or token.
 */
public class SandboxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Attempts made, counting the first. */
  private final int attempts;

  /**
   * Creates an exception.
   *
   * @param message what failed, without secrets
   * @param cause the underlying failure, or {@code null}
   * @param attempts how many attempts were made, counting the first one (0 when no request was
   *     sent)
   */
  public SandboxException(String message, Throwable cause, int attempts) {
    super(message, cause);
    this.attempts = attempts;
  }

  /**
   * Returns how many HTTP attempts were made before this exception was thrown, counting the first;
   * 0 when the failure happened before any request was sent.
   *
   * @return the number of attempts
   */
  public int attempts() {
    return attempts;
  }
}
