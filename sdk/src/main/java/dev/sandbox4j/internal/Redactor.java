package dev.sandbox4j.internal;

/**
 * Removes a client's secrets from text that is about to go into an exception message or a log, in
 * case a server or proxy echoes them back. It reads the client's {@link Secrets}, so a secret
 * remembered later (a sandbox token) is masked too.
 */
final class Redactor {
  private final Secrets secrets;

  /** A redactor over a fresh registry that knows the given secrets (nulls are ignored). */
  Redactor(String... secrets) {
    this.secrets = new Secrets();
    for (String secret : secrets) {
      this.secrets.remember(secret);
    }
  }

  /** The registry this redactor reads; remembering a secret there makes it masked here. */
  Secrets secrets() {
    return secrets;
  }

  /** Returns the text with every secret replaced by a mask; null stays null. */
  String redact(String text) {
    return secrets.redact(text);
  }

  /** Returns the throwable, or a copy of its cause chain with the secrets masked. */
  Throwable scrub(Throwable thrown) {
    return secrets.scrub(thrown);
  }
}
