package dev.sandbox4j.errors;

/**
 * Thrown when the API answered with a status sandbox4j has no specific type for (a redirect, 405,
 * 418, ...).
 */
public class UnexpectedStatusException extends SandboxApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without secrets
   * @param statusCode the HTTP status code
   * @param serverMessage the server's message, or {@code null}
   * @param requestId the server's request id, or {@code null}
   * @param cause the underlying failure, or {@code null}
   * @param attempts how many attempts were made, counting the first
   */
  public UnexpectedStatusException(
      String message,
      int statusCode,
      String serverMessage,
      String requestId,
      Throwable cause,
      int attempts) {
    super(message, statusCode, serverMessage, requestId, cause, attempts);
  }
}
