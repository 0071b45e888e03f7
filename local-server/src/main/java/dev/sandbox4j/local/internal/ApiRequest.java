package dev.sandbox4j.local.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the API handlers see it, detached from the socket.
 *
 * @param method the request method, upper case as sent
 * @param rawPath the path exactly as on the wire (still percent-encoded)
 * @param rawQuery the query exactly as on the wire, or {@code ""} when there is none
 * @param headers header values by lower-case name
 * @param body the whole request body (empty when there is none)
 */
record ApiRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body) {

  ApiRequest {
    headers = Map.copyOf(headers);
  }

  /** The first value of a header, looked up case-insensitively. */
  Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
