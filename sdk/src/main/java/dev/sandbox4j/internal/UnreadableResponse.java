package dev.sandbox4j.internal;

/**
 * Stands in for a parse failure as the cause of a protocol exception. The parser's own exception
 * often quotes the whole response, which may hold a sandbox's access token, so only the SDK's own
 * description, the original's type and its stack trace are kept.
 */
final class UnreadableResponse extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnreadableResponse(String description, Throwable original) {
    super(original == null ? description : original.getClass().getName() + ": " + description);
    if (original != null) {
      setStackTrace(original.getStackTrace());
    }
  }
}
