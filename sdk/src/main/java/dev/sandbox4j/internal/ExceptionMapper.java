package dev.sandbox4j.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
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
import java.io.IOException;
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
public final class ExceptionMapper {
  private static final int SNIPPET_LENGTH = 200;

  private final Redactor redactor;
  private final RetryAfter retryAfter;

  public ExceptionMapper(Redactor redactor, RetryAfter retryAfter) {
    this.redactor = redactor;
    this.retryAfter = retryAfter;
  }

  /**
   * Maps a failure.
   *
   * @param operation what was being done
   * @param sandboxId the sandbox it was done to, or null
   * @param failure the last attempt's failure
   * @param attempts attempts made, counting the first
   */
  public SandboxException map(
      Operation operation, String sandboxId, Failure failure, int attempts) {
    String what = sandboxId == null ? operation.description() : operation.description() + " " + sandboxId;
    String tries = attempts > 1 ? " (after " + attempts + " attempts)" : "";
    if (operation == Operation.CREATE && failure.mayHaveActed()) {
      // Not retried, because the server may have made the sandbox: tell the caller to look.
      tries +=
          "; the server may have created the sandbox anyway: list by its metadata to find it,"
              + " and kill it if unwanted";
    }
    Throwable cause = failure.cause();
    if (cause instanceof DataPlaneStatus) {
      return ((DataPlaneStatus) cause).toException(what, sandboxId, tries, attempts);
    }
    switch (failure.kind()) {
      case NOT_SENT:
        return new SandboxConnectionException(
            what + " failed: could not connect: " + causeText(cause) + tries, cause, attempts);
      case CONNECTION_LOST:
        return new SandboxConnectionException(
            what + " failed: connection lost: " + causeText(cause) + tries, cause, attempts);
      case TIMEOUT:
        return new SandboxTimeoutException(what + " timed out" + tries, cause, attempts);
      case PROTOCOL:
        String detail = protocolDetail(cause);
        return new SandboxProtocolException(
            what + " failed: unreadable response: " + detail + tries,
            cause instanceof IOException ? cause : withoutBody(cause, detail),
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
        what + " failed: HTTP " + status + (serverMessage == null ? "" : ": " + serverMessage) + tries;
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
              what + " failed: sandbox " + sandboxId + " not found (HTTP 404"
                  + (serverMessage == null ? "" : ": " + serverMessage) + ")" + tries,
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
   * Returns the generated exception of an error status with only what a message may show: the
   * body cut to the sanitized snippet and the response headers redacted, since whoever logs
   * the cause would otherwise print up to 64 KiB of body and any credential a proxy echoed.
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
                      name,
                      values.stream()
                          .map(redactor::redact)
                          .collect(Collectors.toList())));
    }
    ApiException copy = new ApiException("HTTP " + status, status, headers, serverMessage);
    copy.setStackTrace(api.getStackTrace());
    return copy;
  }

  /**
   * Returns a stand-in for a parse failure's cause that keeps its type and status but not the
   * body: an unreadable success body may hold anything, a sandbox token included.
   */
  private static Throwable withoutBody(Throwable cause, String detail) {
    if (cause instanceof ApiException) {
      ApiException api = (ApiException) cause;
      ApiException sanitized =
          new ApiException(detail, api.getCode(), api.getResponseHeaders(), null);
      sanitized.setStackTrace(api.getStackTrace());
      return sanitized;
    }
    return new UnreadableResponse(detail, cause);
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
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof EOFException) {
      return "the server closed the connection without a response";
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : " " + snippet(message));
  }

  /**
   * Describes a parse failure without echoing the body: the generated validators quote the
   * whole JSON document, which may hold a sandbox's access token.
   */
  private String protocolDetail(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int quote = message.indexOf(" in the JSON string");
    if (quote >= 0) {
      message = message.substring(0, quote);
    }
    if (message.startsWith("Message: ")) {
      // The generated ApiException's own multi-line text; keep its first line.
      message = message.substring("Message: ".length()).split("\\R", 2)[0];
    }
    return snippet(message);
  }
}
