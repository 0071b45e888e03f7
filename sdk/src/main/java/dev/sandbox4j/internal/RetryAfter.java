package dev.sandbox4j.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header: whole seconds, or an HTTP date relative to the clock. */
public final class RetryAfter {
  private final Clock clock;

  public RetryAfter(Clock clock) {
    this.clock = clock;
  }

  /** Returns the wait the header asks for (never negative), or empty if it cannot be read. */
  public Optional<Duration> parse(String header) {
    String value = header.trim();
    if (value.matches("\\d{1,12}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }
}
