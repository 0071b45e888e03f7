package dev.sandbox4j.internal;

import java.io.IOException;

/** Signals a response body larger than the SDK accepts; mapped to a protocol error. */
final class ResponseTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  ResponseTooLargeException(long limit) {
    super("response body exceeds " + limit + " bytes");
  }
}
