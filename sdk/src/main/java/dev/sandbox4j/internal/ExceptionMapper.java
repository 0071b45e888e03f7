package dev.sandbox4j.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.stream.MalformedJsonException;
import dev.sandbox4j.errors.AuthenticationException;
import dev.sandbox4j.errors.BadRequestException;
import dev.sandbox4j.errors.ConflictException;
import dev.sandbox4j.errors.NotFoundException;
import dev.sandbox4j.errors.PermissionDeniedException;
import dev.sandbox4j.errors.RateLimitException;
import dev.sandbox4j.errors.SandboxConnectionException;
import dev.sandbox4j.errors.SandboxException;
import dev.sandbox4j.errors.SandboxNotFoundException;
import dev.sandbox4j.errors.SandboxProtocolException;
import dev.sandbox4j.errors.SandboxTimeoutException;
import dev.sandbox4j.errors.ServerException;
import dev.sandbox4j.errors.UnexpectedStatusException;
import dev.sandbox4j.generated.ApiException;
import java.io.EOFException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a classified {@link Failure} into the public exception type for its HTTP status or
 * transport problem. The status decides, never the body: a 404 with an HTML page is still a
 * not-found.
 */
final class ExceptionMapper {
  private static final int SNIPPET_LENGTH = 200;

  private final Redactor redactor;
  private final RetryAfter retryAfter;

  ExceptionMapper(Redactor redactor, RetryAfter retryAfter) {
    this.redactor = redactor;
    this.retryAfter = retryAfter;
  }

  /** The redactor every message this mapper builds goes through. */
  Redactor redactor() {
    return redactor;
  }

  /**
   * Maps a failure.
   *
   * @param operation what was being done
   * @param sandboxId the sandbox it was done to, or null
   * @param failure the last attempt's failure
   * @param attempts attempts made, counting the first
   */
  SandboxException map(Operation operation, String sandboxId, Failure failure, int attempts) {
    String what = operation.describe(sandboxId);
    String tries = attempts > 1 ? " (after " + attempts + " attempts)" : "";
    if (!operation.safeToRepeat() && failure.mayHaveActed()) {
      // Not retried, because the server may have acted: tell the caller what to check.
      tries += "; " + operation.ambiguousOutcome();
    }
    if (failure.cause() instanceof DataPlaneStatus) {
      // Its server message was redacted when it was read, with the client's secrets.
      return ((DataPlaneStatus) failure.cause()).toException(what, sandboxId, tries, attempts);
    }
    // A transport failure's own message may quote what the server sent (a status line, bytes).
    Throwable cause = redactor.scrub(failure.cause());
    switch (failure.kind()) {
      case NOT_SENT:
        return new SandboxConnectionException(
            what + " failed: could not connect" + to(failure) + ": " + causeText(cause) + tries,
            cause,
            attempts);
      case TLS_HANDSHAKE:
        return new SandboxConnectionException(
            what
                + " failed: TLS handshake failed: is "
                + (failure.target() == null ? "the API URL" : failure.target())
                + " an http:// server? ("
                + causeText(cause)
                + ")",
            cause,
            attempts);
      case CONNECTION_LOST:
        return new SandboxConnectionException(
            what + " failed: connection" + to(failure) + " lost: " + causeText(cause) + tries,
            cause,
            attempts);
      case TIMEOUT:
        String server = failure.target() == null ? "" : " waiting for " + failure.target();
        return new SandboxTimeoutException(what + " timed out" + server + tries, cause, attempts);
      case PROTOCOL:
        String detail = redactor.redact(protocolDetail(failure));
        return new SandboxProtocolException(
            what + " failed: unreadable response: " + detail + tries,
            new UnreadableResponse(detail, failure.cause()),
            attempts);
      default:
        return statusException(operation, sandboxId, what, tries, failure, attempts);
    }
  }

  private SandboxException statusException(
      Operation operation,
      String sandboxId,
      String what,
      String tries,
      Failure failure,
      int attempts) {
    int status = failure.status();
    String serverMessage = serverMessage(failure.body());
    String requestId = redactor.redact(failure.header("X-Request-Id").orElse(null));
    String message =
        what
            + " failed: HTTP "
            + status
            + (serverMessage == null ? "" : ": " + serverMessage)
            + tries;
    Throwable cause = sanitized(failure.cause(), status, serverMessage);
    switch (status) {
      case 400:
        return new BadRequestException(message, status, serverMessage, requestId, cause, attempts);
      case 401:
        return new AuthenticationException(
            message + " (check the API key or access token)",
            status,
            serverMessage,
            requestId,
            cause,
            attempts);
      case 403:
        return new PermissionDeniedException(
            message, status, serverMessage, requestId, cause, attempts);
      case 404:
        if (sandboxId != null) {
          return new SandboxNotFoundException(
              // The server's message only repeats this; it stays in serverMessage().
              what + " failed: sandbox " + sandboxId + " not found (HTTP 404)" + tries,
              sandboxId,
              serverMessage,
              requestId,
              cause,
              attempts);
        }
        return new NotFoundException(message, status, serverMessage, requestId, cause, attempts);
      case 409:
        return new ConflictException(message, status, serverMessage, requestId, cause, attempts);
      case 429:
        Duration wait = failure.retryAfter().flatMap(retryAfter::parse).orElse(null);
        return new RateLimitException(
            message + (wait == null ? "" : " (retry after " + wait.toSeconds() + " s)"),
            serverMessage,
            requestId,
            wait,
            cause,
            attempts);
      default:
        if (status >= 500 && status <= 599) {
          return new ServerException(message, status, serverMessage, requestId, cause, attempts);
        }
        return new UnexpectedStatusException(
            message, status, serverMessage, requestId, cause, attempts);
    }
  }

  /**
   * Returns the generated exception of an error status with only what a message may show: the body
   * cut to the sanitized snippet and the response headers redacted, since whoever logs the cause
   * would otherwise print up to 64 KiB of body and any credential a proxy echoed.
   */
  private Throwable sanitized(Throwable cause, int status, String serverMessage) {
    if (!(cause instanceof ApiException)) {
      return cause;
    }
    ApiException api = (ApiException) cause;
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (api.getResponseHeaders() != null) {
      api.getResponseHeaders()
          .forEach(
              (name, values) ->
                  headers.put(
                      name, values.stream().map(redactor::redact).collect(Collectors.toList())));
    }
    ApiException copy = new StatusCause(status, headers, serverMessage);
    copy.setStackTrace(api.getStackTrace());
    return copy;
  }

  /** Names the server a request went to, for a message, or nothing when it is not known. */
  private static String to(Failure failure) {
    return failure.target() == null ? "" : " to " + failure.target();
  }

  /**
   * The generated exception of an error status, reduced to one line: the generated class's own
   * message spans lines and lists every response header.
   */
  private static final class StatusCause extends ApiException {
    private static final long serialVersionUID = 1L;

    StatusCause(int status, Map<String, List<String>> headers, String serverMessage) {
      super("HTTP " + status, status, headers, serverMessage);
    }

    @Override
    public String getMessage() {
      return "HTTP " + getCode();
    }
  }

  /** The {@code message} of a JSON error body, else a short single-line snippet of the body. */
  String serverMessage(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    String text = body;
    try {
      JsonElement json = JsonParser.parseString(body);
      if (json.isJsonObject()
          && json.getAsJsonObject().has("message")
          && json.getAsJsonObject().get("message").isJsonPrimitive()) {
        text = json.getAsJsonObject().get("message").getAsString();
      }
    } catch (RuntimeException notJson) {
      // Not JSON (an HTML error page, plain text): fall back to a snippet of the raw body.
    }
    return snippet(text);
  }

  private String snippet(String text) {
    // Redact first: folding white space could split a secret that holds some.
    String oneLine = redactor.redact(text).replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
    if (oneLine.length() > SNIPPET_LENGTH) {
      oneLine = oneLine.substring(0, SNIPPET_LENGTH) + "...";
    }
    return oneLine.isEmpty() ? null : oneLine;
  }

  private String causeText(Throwable cause) {
    Throwable root = Failure.rootCause(cause);
    if (root instanceof EOFException) {
      return "the server closed the connection without a response";
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : " " + snippet(message));
  }

  /**
   * Describes why a response is unreadable from the SDK's own knowledge of the failure, never from
   * a parser's or generator's message, which may quote the body (tokens included).
   */
  private static String protocolDetail(Failure failure) {
    Throwable cause = failure.cause();
    if ((cause instanceof BadServerData && cause.getCause() == null)
        || cause instanceof ConnectProtocolException) {
      return cause.getMessage();
    }
    if (ResponseHeadTooLarge.isCause(cause)) {
      return ResponseHeadTooLarge.DESCRIPTION;
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ResponseTooLargeException) {
        return t.getMessage();
      }
      if (t instanceof EOFException) {
        return "the body ended early";
      }
      if (t instanceof MalformedJsonException) {
        return "the body is not valid JSON";
      }
    }
    if (cause instanceof BadServerData) {
      return cause.getMessage();
    }
    String type = failure.header("Content-Type").orElse("none");
    return "HTTP "
        + failure.status()
        + " with a body of type "
        + type.replaceAll("[^!-~ ]", "?")
        + " the SDK cannot read";
  }
}
