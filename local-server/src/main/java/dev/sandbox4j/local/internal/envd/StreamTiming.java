package dev.sandbox4j.local.internal.envd;

import java.time.Duration;
import java.util.Optional;

/**
 * The two clocks of a server stream: the deadline from {@code Connect-Timeout-Ms} (none when the
 * header is absent) and the keepalive interval from {@code Keepalive-Ping-Interval} (seconds;
 * missing or invalid → 90, as envd).
 */
record StreamTiming(Optional<Duration> timeout, Duration keepalive) {

  static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(90);

  static StreamTiming of(EnvdExchange exchange) {
    Optional<Duration> timeout =
        exchange
            .header("Connect-Timeout-Ms")
            .map(String::trim)
            .filter(v -> v.matches("[0-9]{1,10}"))
            .map(v -> Duration.ofMillis(Long.parseLong(v)));
    Duration keepalive =
        exchange
            .header("Keepalive-Ping-Interval")
            .map(String::trim)
            .filter(v -> v.matches("[0-9]{1,9}") && Long.parseLong(v) > 0)
            .map(v -> Duration.ofSeconds(Long.parseLong(v)))
            .orElse(DEFAULT_KEEPALIVE);
    return new StreamTiming(timeout, keepalive);
  }

  /** System.nanoTime() at which the stream's deadline passes, or Long.MAX_VALUE. */
  long deadlineNanos(long startNanos) {
    return timeout.map(t -> startNanos + t.toNanos()).orElse(Long.MAX_VALUE);
  }
}
