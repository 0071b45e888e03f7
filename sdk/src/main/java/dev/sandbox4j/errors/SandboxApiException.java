package dev.sandbox4j.errors;

import java.util.Optional;

/** Thrown when the API answered with an error status; the subclass says which status class. */
public class SandboxApiException extends SandboxException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status code. */
  private final int statusCode;

  /** The server's sanitized message, or null. */
  private final String serverMessage;

  /** The server's request id, or null. */
  private final String requestId;

  /**
   * Creates an exception for an error response.
   *
   * @param message what failed, without secrets
   * @param statusCode the HTTP status code
   * @param serverMessage the server's message (already shortened and sanitized), or {@code null}
   * @param requestId the server's request id header, or {@code null}
   * @param cause the underlying failure, or {@code null}
   * @param attempts how many attempts were made, counting the first
   */
  public SandboxApiException(
      String message,
      int statusCode,
      String serverMessage,
      String requestId,
      Throwable cause,
      int attempts) {
    super(message, cause, attempts);
    this.statusCode = statusCode;
    this.serverMessage = serverMessage;
    this.requestId = requestId;
  }

  /**
   * Returns the HTTP status code of the response.
   *
   * @return the status code
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns the server's error message: the {@code message} of a JSON error body, or a short
   * sanitized snippet of any other body.
   *
   * @return the message, or empty when the body had none
   */
  public Optional<String> serverMessage() {
    return Optional.ofNullable(serverMessage);
  }

  /**
   * Returns the request id the server sent in {@code X-Request-Id}, useful in support requests.
   *
   * @return the request id, or empty
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
