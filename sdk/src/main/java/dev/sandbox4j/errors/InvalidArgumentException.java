package dev.sandbox4j.errors;

/**
 * Thrown when the daemon inside a sandbox rejected an argument: a working directory that does not
 * exist, a path that is a directory where a file was due, a command that cannot start.
 */
public class InvalidArgumentException extends BadRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without secrets
   * @param serverMessage the server's message, or {@code null}
   * @param cause the underlying failure, or {@code null}
   * @param attempts how many attempts were made, counting the first
   */
  public InvalidArgumentException(
      String message, String serverMessage, Throwable cause, int attempts) {
    super(message, 400, serverMessage, null, cause, attempts);
  }
}
