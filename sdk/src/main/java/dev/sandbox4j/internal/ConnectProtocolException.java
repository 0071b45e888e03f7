package dev.sandbox4j.internal;

/**
 * The server broke the Connect or NDJSON framing: a cut message, a missing end of stream, a payload
 * that is not JSON. Classified by the retry engine as an unreadable response.
 */
final class ConnectProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConnectProtocolException(String message) {
    super(message);
  }

  public ConnectProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
