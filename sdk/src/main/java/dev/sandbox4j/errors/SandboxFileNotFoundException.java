package dev.sandbox4j.errors;

/**
 * Thrown when a path inside a sandbox does not exist (named so that it never clashes with {@link
 * java.io.FileNotFoundException}).
 */
public class SandboxFileNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without secrets
   * @param serverMessage the server's message, or {@code null}
   * @param cause the underlying failure, or {@code null}
   * @param attempts how many attempts were made, counting the first
   */
  public SandboxFileNotFoundException(
      String message, String serverMessage, Throwable cause, int attempts) {
    super(message, 404, serverMessage, null, cause, attempts);
  }
}
