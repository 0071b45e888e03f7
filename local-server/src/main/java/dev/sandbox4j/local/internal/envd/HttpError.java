package dev.sandbox4j.local.internal.envd;

/**
 * An error answer of envd's plain HTTP routes and of the edge in front of it: the status and envd's
 * {@code {"code": <status>, "message": ...}} body.
 */
final class HttpError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  HttpError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
