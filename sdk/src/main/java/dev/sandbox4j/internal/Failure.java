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
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Response;

/**
 * One failed attempt, classified by what it tells about the server: whether the request reached it,
 * whether it may have acted, and what it answered.
 */
final class Failure {
  /** What kind of failure an attempt met. */
  enum Kind {
    /** The request surely never reached the server: connection refused, unknown host. */
    NOT_SENT,
    /**
     * The TLS handshake failed, so nothing was sent; retrying cannot help (most often an {@code
     * https://} URL pointing at a plain-HTTP server).
     */
    TLS_HANDSHAKE,
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
  private final Response response;
  private String target;

  private Failure(
      Kind kind,
      int status,
      Map<String, List<String>> headers,
      String body,
      Throwable cause,
      Response response) {
    this.kind = kind;
    this.status = status;
    this.headers = headers == null ? Map.of() : headers;
    this.body = body;
    this.cause = cause;
    this.response = response;
  }

  private static Failure of(Kind kind, Throwable cause) {
    return new Failure(kind, 0, null, null, cause, null);
  }

  /**
   * Classifies what an attempt threw, or returns null when it is none of the failures an exchange
   * can meet (a bug, which must surface as itself).
   */
  static Failure classify(Exception thrown) {
    if (thrown instanceof DataPlaneStatus) {
      DataPlaneStatus answer = (DataPlaneStatus) thrown;
      return new Failure(Kind.STATUS, answer.httpStatus(), answer.headers(), null, answer, null);
    }
    if (thrown instanceof ConnectProtocolException) {
      return of(Kind.PROTOCOL, thrown); // the data plane's framing or JSON broke
    }
    if (thrown instanceof UnsuccessfulResponse) {
      Response response = ((UnsuccessfulResponse) thrown).response();
      return new Failure(
          Kind.STATUS, response.code(), response.headers().toMultimap(), null, null, response);
    }
    if (thrown instanceof ApiException) {
      ApiException api = (ApiException) thrown;
      if (api.getCode() >= 300) {
        return new Failure(
            Kind.STATUS, api.getCode(), api.getResponseHeaders(), api.getResponseBody(), api, null);
      }
      if (api.getCode() == 0 && api.getCause() != null) {
        // The generated wrapper adds nothing but a multi-line message: report what it wraps.
        return ofTransport(api.getCause(), api.getCause());
      }
      // A 2xx the generated client could not read, e.g. text/html where JSON was due.
      return new Failure(Kind.PROTOCOL, api.getCode(), api.getResponseHeaders(), null, api, null);
    }
    if (thrown instanceof BadServerData) {
      return thrown.getCause() == null
          ? of(Kind.PROTOCOL, thrown)
          : ofTransport(thrown.getCause(), thrown);
    }
    if (thrown instanceof IOException) {
      return ofTransport(thrown, thrown);
    }
    return null;
  }

  /** Classifies an I/O or parse failure by the first telling exception in its cause chain. */
  private static Failure ofTransport(Throwable root, Throwable reported) {
    if (ResponseHeadTooLarge.isCause(root)) {
      return of(Kind.PROTOCOL, reported); // the server answered, with more than a client reads
    }
    for (Throwable t = root; t != null; t = t.getCause()) {
      if (isTlsHandshakeFailure(t)) {
        return of(Kind.TLS_HANDSHAKE, reported);
      }
      if (t instanceof ResponseTooLargeException) {
        return of(Kind.PROTOCOL, reported);
      }
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException) {
        return of(Kind.NOT_SENT, reported);
      }
      if (t instanceof InterruptedIOException) {
        return of(Kind.TIMEOUT, reported);
      }
      if (t instanceof EOFException || t instanceof MalformedJsonException) {
        // A body that ends early or is not JSON: the server answered, badly.
        return of(Kind.PROTOCOL, reported);
      }
      if (t instanceof IOException) {
        return of(Kind.CONNECTION_LOST, reported);
      }
    }
    return of(Kind.PROTOCOL, reported);
  }

  /** Returns the innermost cause of a throwable (itself when it has none). */
  static Throwable rootCause(Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /**
   * True for a handshake that failed before any request byte was sent: a handshake exception, or
   * the JDK's answer to a server that does not speak TLS at all.
   */
  private static boolean isTlsHandshakeFailure(Throwable t) {
    if (t instanceof SSLHandshakeException) {
      return true;
    }
    String message = t.getMessage();
    return t instanceof SSLException
        && message != null
        && (message.contains("Unsupported or unrecognized SSL message")
            || message.contains("plaintext connection"));
  }

  Kind kind() {
    return kind;
  }

  /** The HTTP status for {@link Kind#STATUS} (and a 2xx for some protocol failures), else 0. */
  int status() {
    return status;
  }

  /** The error body as received (already bounded in size), or null. */
  String body() {
    return body;
  }

  /** What the attempt threw, or null for an error response of a raw request. */
  Throwable cause() {
    return cause;
  }

  /** The error response of a raw request, to hand back to its caller; else null. */
  Response response() {
    return response;
  }

  /** Records the server the attempt went to ({@code scheme://host:port}), for messages. */
  Failure at(String target) {
    this.target = target;
    return this;
  }

  /** The server the attempt went to, or null when the attempt did not say. */
  String target() {
    return target;
  }

  /** Releases the error response of a raw request before the attempt is repeated. */
  void discard() {
    if (response != null) {
      response.close();
    }
  }

  /** Returns the first value of a response header, matching the name in any case. */
  Optional<String> header(String name) {
    return Headers.first(headers, name);
  }

  /** Returns the server's {@code Retry-After} value, if it sent one. */
  Optional<String> retryAfter() {
    return RetryAfter.find(headers);
  }

  /**
   * Returns whether the server may have carried the request out even though this attempt failed:
   * the connection broke or timed out mid-way, or a gateway error hid the outcome.
   */
  boolean mayHaveActed() {
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

  /** A short description for the debug log; it never holds a body or header value. */
  @Override
  public String toString() {
    return kind == Kind.STATUS ? "HTTP " + status : kind.name().toLowerCase().replace('_', ' ');
  }
}
