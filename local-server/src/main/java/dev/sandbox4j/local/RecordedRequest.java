package dev.sandbox4j.local;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One API request as the server received and answered it, for the request log.
 *
 * <p>The values of {@code X-API-Key} and {@code Authorization} are replaced by {@value #REDACTED}
 * (the {@code Bearer} scheme is kept), so the log is safe to print.
 *
 * @param receivedAt when the request arrived, on the server's clock
 * @param method the request method
 * @param path the raw path, as sent (still percent-encoded)
 * @param rawQuery the raw query, as sent, or {@code ""} when there was none
 * @param headers header values by lower-case name, secrets redacted
 * @param body the request body as UTF-8 text ({@code ""} when there was none)
 * @param status the status answered, or 0 when the connection was dropped without a response
 */
public record RecordedRequest(
    Instant receivedAt,
    String method,
    String path,
    String rawQuery,
    Map<String, List<String>> headers,
    String body,
    int status) {

  /** The text that replaces secret header values. */
  public static final String REDACTED = "<redacted>";

  /**
   * Copies the headers so the record stays immutable.
   *
   * @param receivedAt when the request arrived, on the server's clock
   * @param method the request method
   * @param path the raw path, as sent (still percent-encoded)
   * @param rawQuery the raw query, as sent, or {@code ""} when there was none
   * @param headers header values by lower-case name, secrets redacted
   * @param body the request body as UTF-8 text ({@code ""} when there was none)
   * @param status the status answered, or 0 when the connection was dropped without a response
   */
  public RecordedRequest {
    headers =
        headers.entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
  }

  /**
   * Returns the first value of a header, looked up case-insensitively.
   *
   * @param name the header name, in any case
   * @return the first value, or empty when the header is absent
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** {@return whether the connection was closed without a response} */
  public boolean dropped() {
    return status == 0;
  }
}
