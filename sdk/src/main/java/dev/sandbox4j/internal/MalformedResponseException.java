package dev.sandbox4j.internal;

/**
 * Signals a success body that does not match the API document: a missing or mistyped field, a
 * number that does not fit its field. Mapped to a protocol error. The message names the field
 * and the item, never a value, and carries no cause that would quote one: a body may hold a
 * sandbox's access token.
 */
final class MalformedResponseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MalformedResponseException(String message) {
    super(message);
  }
}
