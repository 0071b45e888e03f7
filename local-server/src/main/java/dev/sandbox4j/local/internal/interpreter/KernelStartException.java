package dev.sandbox4j.local.internal.interpreter;

/** A kernel could not be started; the message names the language and the interpreter program. */
final class KernelStartException extends Exception {

  private static final long serialVersionUID = 1L;

  KernelStartException(String message) {
    super(message);
  }
}
