package dev.sandbox4j.errors;

/**
 * Thrown when no response arrived: the connection was refused, reset or dropped, or the host was
 * not found.
 */
public class SandboxConnectionException extends SandboxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without secrets
   * @param cause the underlying failure, or {@code null}
   * @param attempts how many attempts were made, counting the first
   */
  public SandboxConnectionException(String message, Throwable cause, int attempts) {
    super(message, cause, attempts);
  }
}
