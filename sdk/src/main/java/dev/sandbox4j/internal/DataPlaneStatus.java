package dev.sandbox4j.internal;

import dev.sandbox4j.errors.AuthenticationException;
import dev.sandbox4j.errors.BadRequestException;
import dev.sandbox4j.errors.ConflictException;
import dev.sandbox4j.errors.InvalidArgumentException;
import dev.sandbox4j.errors.NotEnoughSpaceException;
import dev.sandbox4j.errors.NotFoundException;
import dev.sandbox4j.errors.PermissionDeniedException;
import dev.sandbox4j.errors.RateLimitException;
import dev.sandbox4j.errors.SandboxException;
import dev.sandbox4j.errors.SandboxFileNotFoundException;
import dev.sandbox4j.errors.SandboxNotFoundException;
import dev.sandbox4j.errors.SandboxTimeoutException;
import dev.sandbox4j.errors.ServerException;
import dev.sandbox4j.errors.UnexpectedStatusException;
import java.util.List;
import java.util.Map;

/**
 * An error answer from inside a sandbox (the daemon, the code interpreter, or the edge proxy in
 * front of them), carried through the retry engine as a status failure and turned into the public
 * exception by {@link #toException}. A Connect error code decides when there is one; otherwise the
 * HTTP status does, per the Connect fallback table for RPCs and directly for plain HTTP routes.
 */
public final class DataPlaneStatus extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of route answered: it decides how a not-found or a status is read. */
  public enum Route {
    /** A Connect RPC of the process service. */
    PROCESS_RPC,
    /** A Connect RPC of the filesystem service. */
    FILESYSTEM_RPC,
    /** The plain {@code /files} routes. */
    FILES_HTTP,
    /** Other plain daemon or code-interpreter routes. */
    HTTP
  }

  private final int httpStatus;
  private final String code;
  private final String serverMessage;
  private final Route route;
  private final transient Map<String, List<String>> headers;
  private final String timeoutHint;

  /**
   * Creates the status.
   *
   * @param httpStatus the HTTP status (for an end-stream error, the code's status)
   * @param code the Connect code, or null when the answer had none
   * @param serverMessage the server's message, already redacted and shortened, or null
   * @param route the route that answered
   * @param headers response headers (for Retry-After), may be empty
   * @param timeoutHint what to do about a deadline, appended to timeout messages, or null
   */
  public DataPlaneStatus(
      int httpStatus,
      String code,
      String serverMessage,
      Route route,
      Map<String, List<String>> headers,
      String timeoutHint) {
    super("HTTP " + httpStatus + (code == null ? "" : " [" + code + "]"), null, false, false);
    this.httpStatus = httpStatus;
    this.code = code;
    this.serverMessage = serverMessage;
    this.route = route;
    this.headers = headers == null ? Map.of() : headers;
    this.timeoutHint = timeoutHint;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The Connect code, or the one inferred from the HTTP status. */
  public String effectiveCode() {
    if (code != null) {
      return code;
    }
    return route == Route.PROCESS_RPC || route == Route.FILESYSTEM_RPC
        ? ConnectCodes.fromHttpStatus(httpStatus)
        : ConnectCodes.fromPlainHttpStatus(httpStatus);
  }

  /**
   * Returns the public exception for this answer.
   *
   * @param what the operation and sandbox, for the message
   * @param sandboxId the sandbox, or null
   * @param attempts attempts made, counting the first
   */
  public SandboxException toException(String what, String sandboxId, String tries, int attempts) {
    String effective = effectiveCode();
    String detail =
        (code == null ? "HTTP " + httpStatus : "[" + code + "]")
            + (serverMessage == null ? "" : " " + serverMessage);
    String message = what + " failed: " + detail + tries;
    switch (effective) {
      case "invalid_argument":
        return new InvalidArgumentException(message, serverMessage, this, attempts);
      case "not_found":
        if (route == Route.FILESYSTEM_RPC || route == Route.FILES_HTTP) {
          return new SandboxFileNotFoundException(message, serverMessage, this, attempts);
        }
        return new NotFoundException(message, 404, serverMessage, null, this, attempts);
      case "already_exists":
      case "aborted":
        return new ConflictException(message, 409, serverMessage, null, this, attempts);
      case "permission_denied":
        return new PermissionDeniedException(message, 403, serverMessage, null, this, attempts);
      case "unauthenticated":
        return new AuthenticationException(
            message + " (check the sandbox's access token and the user name)",
            401,
            serverMessage,
            null,
            this,
            attempts);
      case "resource_exhausted":
        if (httpStatus == 507) {
          return new NotEnoughSpaceException(message, serverMessage, this, attempts);
        }
        return new RateLimitException(message, serverMessage, null, null, this, attempts);
      case "deadline_exceeded":
      case "canceled":
        return new SandboxTimeoutException(
            message + (timeoutHint == null ? "" : "; " + timeoutHint), this, attempts);
      case "failed_precondition":
      case "out_of_range":
        return new BadRequestException(message, 400, serverMessage, null, this, attempts);
      case "unavailable":
        if (httpStatus == 502 && sandboxId != null) {
          return new SandboxNotFoundException(
              message + ": the sandbox is probably not running anymore",
              sandboxId,
              serverMessage,
              null,
              this,
              attempts);
        }
        return new ServerException(message, httpStatus, serverMessage, null, this, attempts);
      default:
        if (httpStatus >= 500 && httpStatus <= 599) {
          return new ServerException(message, httpStatus, serverMessage, null, this, attempts);
        }
        return new UnexpectedStatusException(
            message, httpStatus, serverMessage, null, this, attempts);
    }
  }
}
