package dev.sandbox4j.internal;

/**
 * A success response the SDK cannot use: no body, a null where a value is required, a body the
 * generated models cannot read. It is thrown on purpose, is classified as a protocol failure, and
 * never carries the parser's own message (which may quote the whole body, tokens included), so that
 * it stays distinct from a bug in the SDK, which surfaces as what it is.
 */
final class BadServerData extends Exception {
  private static final long serialVersionUID = 1L;

  private BadServerData(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** Bad data the SDK found itself, described in its own words. */
  static BadServerData of(String message) {
    return new BadServerData(message, null);
  }

  /**
   * Wraps what the generated client or its JSON parser threw while reading a success body. The
   * cause is kept only to classify the failure (a connection lost mid-body is not bad data).
   */
  static BadServerData unreadable(RuntimeException parseFailure) {
    return new BadServerData(
        "the body does not match the API's schema: a required field is missing, or a field has"
            + " the wrong type or format",
        parseFailure);
  }
}
