package dev.sandbox4j.internal;

import com.google.gson.stream.MalformedJsonException;
import dev.sandbox4j.generated.ApiException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One failed attempt, classified by what it tells about the server: whether the request
 * reached it, whether it may have acted, and what it answered.
 */
public final class Failure {
  /** What kind of failure an attempt met. */
  public enum Kind {
    /** The request surely never reached the server: connection refused, unknown host. */
    NOT_SENT,
    /** The connection broke after the request may have been sent. */
    CONNECTION_LOST,
    /** The attempt ran out of time; the server may have acted. */
    TIMEOUT,
    /** The server answered with an error status. */
    STATUS,
    /** The server answered with something the SDK cannot read. */
    PROTOCOL
  }

  private final Kind kind;
  private final int status;
  private final Map<String, List<String>> headers;
  private final String body;
  private final Throwable cause;

  private Failure(
      Kind kind, int status, Map<String, List<String>> headers, String body, Throwable cause) {
    this.kind = kind;
    this.status = status;
    this.headers = headers == null ? Map.of() : headers;
    this.body = body;
    this.cause = cause;
  }

  /** Classifies an error response that arrived at the HTTP layer (used by the raw client). */
  public static Failure ofStatus(int status, Map<String, List<String>> headers) {
    return new Failure(Kind.STATUS, status, headers, null, null);
  }

  /** Classifies whatever an attempt threw. */
  public static Failure of(Throwable thrown) {
    if (thrown instanceof DataPlaneStatus) {
      DataPlaneStatus answer = (DataPlaneStatus) thrown;
      return new Failure(Kind.STATUS, answer.httpStatus(), answer.headers(), null, answer);
    }
    if (thrown instanceof ApiException) {
      ApiException api = (ApiException) thrown;
      if (api.getCode() >= 300) {
        return new Failure(
            Kind.STATUS, api.getCode(), api.getResponseHeaders(), api.getResponseBody(), api);
      }
      if (api.getCode() == 0 && api.getCause() != null) {
        return ofTransport(api.getCause(), api);
      }
      // A 2xx the generated client could not read, e.g. text/html where JSON was due.
      return new Failure(Kind.PROTOCOL, api.getCode(), api.getResponseHeaders(), null, api);
    }
    return ofTransport(thrown, thrown);
  }

  /** Classifies an I/O or parse failure by the first telling exception in its cause chain. */
  private static Failure ofTransport(Throwable root, Throwable reported) {
    for (Throwable t = root; t != null; t = t.getCause()) {
      if (t instanceof ResponseTooLargeException) {
        return new Failure(Kind.PROTOCOL, 0, null, null, reported);
      }
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException) {
        return new Failure(Kind.NOT_SENT, 0, null, null, reported);
      }
      if (t instanceof InterruptedIOException) {
        return new Failure(Kind.TIMEOUT, 0, null, null, reported);
      }
      if (t instanceof EOFException || t instanceof MalformedJsonException) {
        // A body that ends early or is not JSON: the server answered, badly.
        return new Failure(Kind.PROTOCOL, 0, null, null, reported);
      }
      if (t instanceof IOException) {
        return new Failure(Kind.CONNECTION_LOST, 0, null, null, reported);
      }
    }
    return new Failure(Kind.PROTOCOL, 0, null, null, reported);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status for {@link Kind#STATUS} (and a 2xx for some protocol failures), else 0. */
  public int status() {
    return status;
  }

  /** The error body as received (already bounded in size), or null. */
  public String body() {
    return body;
  }

  public Throwable cause() {
    return cause;
  }

  /** Returns the first value of a response header, matching the name in any case. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
        return Optional.of(entry.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the server's {@code Retry-After} value, wherever the HTTP stack left it (see {@link
   * RetryAfterShield}).
   */
  public Optional<String> retryAfter() {
    Optional<String> shielded = header(RetryAfterShield.HEADER);
    return shielded.isPresent() ? shielded : header("Retry-After");
  }

  /**
   * Returns whether the server may have carried the request out even though this attempt
   * failed: the connection broke or timed out mid-way, or a gateway error hid the outcome.
   */
  public boolean mayHaveActed() {
    switch (kind) {
      case CONNECTION_LOST:
      case TIMEOUT:
      case PROTOCOL:
        return true;
      case STATUS:
        return status == 500 || status == 502 || status == 504;
      default:
        return false;
    }
  }
}
