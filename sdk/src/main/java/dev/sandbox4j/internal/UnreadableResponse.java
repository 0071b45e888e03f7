package dev.sandbox4j.internal;

/**
 * Stands in for a parse failure as the cause of a protocol exception. The parser's own
 * exception often quotes the whole response, which may hold a sandbox's access token, so only
 * a sanitized description and the original stack trace are kept.
 */
public final class UnreadableResponse extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnreadableResponse(String description, Throwable original) {
    super(original.getClass().getName() + ": " + description);
    setStackTrace(original.getStackTrace());
  }
}
