package dev.sandbox4j.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * Decides whether a failed attempt is retried and how long to wait first. This is the one place the
 * retry rules live; every path that retries asks it.
 *
 * <ul>
 *   <li>Operations that are safe to repeat are retried on any connection failure, timeout, and on
 *       408, 429, 500, 502, 503, 504.
 *   <li>Create is billed, so it is retried only when the server surely did not act: the connection
 *       was refused before anything was sent, or it answered 429 or 503.
 *   <li>The wait is {@code Retry-After} when the server sent one (up to {@value
 *       #MAX_RETRY_AFTER_SECONDS} s; longer waits are not retried), else an exponential backoff of
 *       0.5 s &times; 2<sup>n</sup>, capped at 8 s, shortened by up to 25 % of jitter.
 * </ul>
 */
final class RetryPolicy {
  static final long MAX_RETRY_AFTER_SECONDS = 60;
  private static final Duration BASE_DELAY = Duration.ofMillis(500);
  private static final Duration MAX_DELAY = Duration.ofSeconds(8);
  private static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);
  private static final Set<Integer> NOT_ACTED_STATUSES = Set.of(429, 503);

  private final RetryAfter retryAfter;
  private final DoubleSupplier jitter;
  private final Clock clock;

  /**
   * Creates a policy.
   *
   * @param retryAfter reads {@code Retry-After} headers
   * @param jitter returns a number in [0, 1): the share of the 25 % jitter to take off a backoff
   * @param clock tells whether a wait would end past a call's deadline
   */
  RetryPolicy(RetryAfter retryAfter, DoubleSupplier jitter, Clock clock) {
    this.retryAfter = retryAfter;
    this.jitter = jitter;
    this.clock = clock;
  }

  /**
   * Returns how long to wait before repeating a failed attempt, or empty when it must not be
   * repeated: the budget is spent, the failure is not retryable for this operation, the server
   * asked for a longer wait than the SDK sleeps, or the wait would end past the deadline.
   *
   * @param attempt the number of the attempt that failed, 1 for the first
   * @param maxRetries how many retries the call may make after its first attempt
   * @param deadline when the whole call must end, or null for no limit
   */
  Optional<Duration> nextDelay(
      Operation operation, int attempt, Failure failure, int maxRetries, Instant deadline) {
    if (attempt > maxRetries || !isRetryable(operation, failure)) {
      return Optional.empty();
    }
    Optional<Duration> delay = delayBefore(attempt, failure);
    boolean pastDeadline =
        delay.isPresent()
            && deadline != null
            && clock.instant().plus(delay.get()).isAfter(deadline);
    return pastDeadline ? Optional.empty() : delay;
  }

  /** Returns whether this failure of this operation may be retried at all. */
  private static boolean isRetryable(Operation operation, Failure failure) {
    switch (failure.kind()) {
      case NOT_SENT:
        return true;
      case CONNECTION_LOST:
      case TIMEOUT:
        return operation.safeToRepeat();
      case STATUS:
        return operation.safeToRepeat()
            ? RETRYABLE_STATUSES.contains(failure.status())
            : NOT_ACTED_STATUSES.contains(failure.status());
      default:
        return false;
    }
  }

  /**
   * Returns the wait before retry number {@code retry} (1 for the first retry), or empty when the
   * server asked for a longer wait than the SDK will sleep.
   */
  private Optional<Duration> delayBefore(int retry, Failure failure) {
    Optional<Duration> asked = failure.retryAfter().flatMap(retryAfter::parse);
    if (asked.isPresent()) {
      return asked.get().getSeconds() > MAX_RETRY_AFTER_SECONDS ? Optional.empty() : asked;
    }
    long factor = 1L << Math.min(retry - 1, 20);
    Duration backoff = BASE_DELAY.multipliedBy(factor);
    if (backoff.compareTo(MAX_DELAY) > 0) {
      backoff = MAX_DELAY;
    }
    long millis = backoff.toMillis();
    return Optional.of(Duration.ofMillis(millis - (long) (millis * 0.25 * jitter.getAsDouble())));
  }
}
