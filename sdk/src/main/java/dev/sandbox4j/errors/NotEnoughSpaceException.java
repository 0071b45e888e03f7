package dev.sandbox4j.errors;

/** Thrown when a sandbox's disk has no room (or no inodes) left for a write (HTTP 507). */
public class NotEnoughSpaceException extends SandboxApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without secrets
   * @param serverMessage the server's message, or {@code null}
   * @param cause the underlying failure, or {@code null}
   * @param attempts how many attempts were made, counting the first
   */
  public NotEnoughSpaceException(
      String message, String serverMessage, Throwable cause, int attempts) {
    super(message, 507, serverMessage, null, cause, attempts);
  }
}
