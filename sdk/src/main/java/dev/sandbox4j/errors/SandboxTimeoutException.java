package dev.sandbox4j.errors;

/** Thrown when a request (or the whole call, retries included) took longer than its timeout. */
public class SandboxTimeoutException extends SandboxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without secrets
   * @param cause the underlying failure, or {@code null}
   * @param attempts how many attempts were made, counting the first
   */
  public SandboxTimeoutException(String message, Throwable cause, int attempts) {
    super(message, cause, attempts);
  }
}
