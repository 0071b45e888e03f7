package dev.sandbox4j.internal;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Removes the client's credentials from text that is about to go into an exception message,
 * in case a server or proxy echoes them back.
 */
final class Redactor {
  private static final String MASK = "[redacted]";
  private final List<String> secrets;

  Redactor(String... secrets) {
    this.secrets =
        Stream.of(secrets)
            .filter(Objects::nonNull)
            .filter(s -> s.length() >= 4)
            .collect(Collectors.toUnmodifiableList());
  }

  /** Returns the text with every secret replaced by a mask; null stays null. */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }
}
