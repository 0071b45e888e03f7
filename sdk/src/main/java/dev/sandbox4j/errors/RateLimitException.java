package dev.sandbox4j.errors;

import java.time.Duration;
import java.util.Optional;

/**
 * Thrown when the API answered 429 Too Many Requests and retrying was not possible or did not help.
 */
public class RateLimitException extends SandboxApiException {
  private static final long serialVersionUID = 1L;

  /** The wait from {@code Retry-After}, or null. */
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param message what failed, without secrets
   * @param serverMessage the server's message, or {@code null}
   * @param requestId the server's request id, or {@code null}
   * @param retryAfter the wait the server asked for in {@code Retry-After}, or {@code null}
   * @param cause the underlying failure, or {@code null}
   * @param attempts how many attempts were made, counting the first
   */
  public RateLimitException(
      String message,
      String serverMessage,
      String requestId,
      Duration retryAfter,
      Throwable cause,
      int attempts) {
    super(message, 429, serverMessage, requestId, cause, attempts);
    this.retryAfter = retryAfter;
  }

  /**
   * Returns how long the server asked the client to wait, from the {@code Retry-After} header
   * (seconds or an HTTP date).
   *
   * @return the wait, or empty when the header was absent or unreadable
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
