package dev.sandbox4j.local.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's clock: a base clock (real time unless the builder gave another) plus an offset that
 * only the test hooks move.
 *
 * <p>Advancing adds to the offset instead of freezing time, so time keeps flowing between requests
 * as it does on a real server, and lifetimes measured in seconds can still be tested without
 * sleeping.
 */
final class ControllableClock extends Clock {

  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  ControllableClock(Clock base) {
    this.base = Objects.requireNonNull(base, "base");
  }

  /** Now, at microsecond precision: the precision the real server's timestamps have. */
  @Override
  public Instant instant() {
    return base.instant().plus(offset.get()).truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }

  /** Moves time forward; returns the new now. */
  Instant advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("time only moves forward; got " + amount);
    }
    offset.accumulateAndGet(amount, Duration::plus);
    return instant();
  }

  /** Drops every advance: back to the base clock. */
  void reset() {
    offset.set(Duration.ZERO);
  }
}
