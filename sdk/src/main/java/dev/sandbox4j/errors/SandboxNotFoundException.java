package dev.sandbox4j.errors;

/**
 * Thrown when the API answered 404 for an operation on one sandbox: it does not exist, was killed,
 * or (for set-timeout) is paused.
 */
public class SandboxNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  /** The sandbox that was not found. */
  private final String sandboxId;

  /**
   * Creates the exception.
   *
   * @param message what failed, without secrets
   * @param sandboxId the sandbox that was not found
   * @param serverMessage the server's message, or {@code null}
   * @param requestId the server's request id, or {@code null}
   * @param cause the underlying failure, or {@code null}
   * @param attempts how many attempts were made, counting the first
   */
  public SandboxNotFoundException(
      String message,
      String sandboxId,
      String serverMessage,
      String requestId,
      Throwable cause,
      int attempts) {
    super(message, 404, serverMessage, requestId, cause, attempts);
    this.sandboxId = sandboxId;
  }

  /**
   * Returns the id of the sandbox that was not found.
   *
   * @return the sandbox id
   */
  public String sandboxId() {
    return sandboxId;
  }
}
