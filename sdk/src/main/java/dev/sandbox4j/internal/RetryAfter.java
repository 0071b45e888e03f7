package dev.sandbox4j.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Everything about the {@code Retry-After} header, in one place: hiding it from OkHttp, finding it
 * in a response, and reading the wait it asks for.
 *
 * <p>OkHttp would silently resend a request (a billed create included) after a 503 with {@code
 * Retry-After: 0}, inside one SDK attempt. {@link #shield()} is a network interceptor, below
 * OkHttp's follow-up logic, that moves the header to {@link #SHIELDED}; {@link #restore()}, an
 * application interceptor, moves it back for the caller. {@link #find} accepts both names, so
 * whatever order the application interceptors run in, every reader sees the server's value.
 */
final class RetryAfter {
  static final String HEADER = "Retry-After";

  /** Where the server's value is kept while the response passes OkHttp's follow-up logic. */
  static final String SHIELDED = "X-Sandbox4j-Retry-After";

  /** The longest wait reported (about 31 700 years): later instants still fit an Instant. */
  static final long HUGE_SECONDS = 999_999_999_999L;

  private final Clock clock;

  RetryAfter(Clock clock) {
    this.clock = clock;
  }

  /** Returns the header's value in a response's headers, under either name, in any case. */
  static Optional<String> find(Map<String, List<String>> headers) {
    Optional<String> shielded = Headers.first(headers, SHIELDED);
    return shielded.isPresent() ? shielded : Headers.first(headers, HEADER);
  }

  /**
   * Returns the wait the header asks for (never negative), or empty if it cannot be read. A number
   * too long to hold counts as the longest wait the SDK reports: it is still a request to wait, not
   * garbage.
   */
  Optional<Duration> parse(String header) {
    String value = header.trim();
    if (value.matches("\\d+")) {
      boolean huge = value.length() > String.valueOf(HUGE_SECONDS).length();
      long seconds = huge ? HUGE_SECONDS : Math.min(Long.parseLong(value), HUGE_SECONDS);
      return Optional.of(Duration.ofSeconds(seconds));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }

  /** The network interceptor that hides the header of an error response from OkHttp. */
  static Interceptor shield() {
    return chain -> rename(chain.proceed(chain.request()), HEADER, SHIELDED);
  }

  /** The application interceptor that puts the header back where callers expect it. */
  static Interceptor restore() {
    return chain -> rename(chain.proceed(chain.request()), SHIELDED, HEADER);
  }

  private static Response rename(Response response, String from, String to) throws IOException {
    String value = response.header(from);
    if (value == null || response.isSuccessful()) {
      return response;
    }
    // OkHttp refuses to copy a value with a non-ASCII or control character, and its exception
    // would override the status; such a value cannot be a wait, so it is kept unreadable.
    String printable = value.replaceAll("[^ -~]", "?");
    return response.newBuilder().removeHeader(from).header(to, printable).build();
  }
}
