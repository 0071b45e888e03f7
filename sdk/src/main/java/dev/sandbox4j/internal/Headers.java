package dev.sandbox4j.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Looks response headers up by name in any case, as HTTP requires. */
final class Headers {
  private Headers() {}

  /** Returns the first non-empty value of a header, or empty when it is absent. */
  static Optional<String> first(Map<String, List<String>> headers, String name) {
    if (headers == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
        for (String value : entry.getValue()) {
          if (value != null && !value.isEmpty()) {
            return Optional.of(value);
          }
        }
      }
    }
    return Optional.empty();
  }
}
