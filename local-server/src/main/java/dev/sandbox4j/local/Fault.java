package dev.sandbox4j.local;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A failure injected into the next API requests that match a method and a path pattern.
 *
 * <p>A fault may wait ({@link Builder#delay}) and then do one of: answer with a status
 * ({@link Builder#respond}, optionally with {@code Retry-After} and a body) without acting;
 * close the connection without a response and without acting ({@link Builder#dropBeforeActing});
 * act normally and then close the connection without a response ({@link
 * Builder#dropAfterActing}: a create then made a sandbox the client never heard of); or, with only
 * a delay, act and answer normally, late.
 *
 * <p>Faults apply to the API routes only, never to the {@code /_local/} test hooks, and are
 * checked before authentication, like a failing gateway in front of the real server. Instances
 * are immutable.
 *
 * <pre>{@code
 * server.admin().injectFault(Fault.on("POST", "/sandboxes").times(2).respond(503).retryAfter("1").build());
 * server.admin().injectFault(Fault.on("*", "/sandboxes/[a-z0-9]+/pause").dropAfterActing().build());
 * }</pre>
 */
public final class Fault {

  /** What a fault does after its delay. */
  public enum Action {
    /** Handle the request normally (a delay-only fault). */
    PROCEED,
    /** Answer with the fault's status, headers and body; the request is not acted on. */
    RESPOND,
    /** Close the connection without a response; the request is not acted on. */
    DROP_BEFORE_ACTING,
    /** Act on the request, then close the connection without a response. */
    DROP_AFTER_ACTING
  }

  /** The method that matches any method. */
  public static final String ANY_METHOD = "*";

  private final String method;
  private final Pattern path;
  private final int times;
  private final Duration delay;
  private final Action action;
  private final int status;
  private final String retryAfter;
  private final String body;

  private Fault(Builder builder) {
    this.method = builder.method;
    this.path = builder.path;
    this.times = builder.times;
    this.delay = builder.delay;
    this.action = builder.action;
    this.status = builder.status;
    this.retryAfter = builder.retryAfter;
    this.body = builder.body;
  }

  /**
   * Starts a fault for requests with this method ({@code "*"} for any, case-insensitive) whose raw
   * path (as sent, still percent-encoded, without the query) fully matches {@code pathRegex}.
   *
   * @param method the request method to match, in any case, or {@code "*"} for any
   * @param pathRegex a regular expression the whole raw path must match
   * @return a builder of the fault
   * @throws IllegalArgumentException if the regex does not compile
   */
  public static Builder on(String method, String pathRegex) {
    return new Builder(method, pathRegex);
  }

  /** {@return the method this fault matches, upper case, or {@code "*"}} */
  public String method() {
    return method;
  }

  /** {@return the regular expression the raw request path must fully match} */
  public String pathPattern() {
    return path.pattern();
  }

  /** {@return how many matching requests this fault affects} */
  public int times() {
    return times;
  }

  /** {@return how long to wait before the action; zero for none} */
  public Duration delay() {
    return delay;
  }

  /** {@return what the fault does after its delay} */
  public Action action() {
    return action;
  }

  /** {@return the status a {@link Action#RESPOND} fault answers with, or 0 for other actions} */
  public int status() {
    return status;
  }

  /** {@return the {@code Retry-After} header value a responding fault sends, if any} */
  public Optional<String> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** {@return the body a responding fault sends, if one was given (else a JSON error body)} */
  public Optional<String> body() {
    return Optional.ofNullable(body);
  }

  /**
   * Tells whether a request with this method and raw path is one this fault applies to.
   *
   * @param requestMethod the request's method
   * @param rawPath the request's raw path, without the query
   * @return whether this fault applies to the request
   */
  public boolean matches(String requestMethod, String rawPath) {
    return (ANY_METHOD.equals(method) || method.equalsIgnoreCase(requestMethod))
        && path.matcher(rawPath).matches();
  }

  @Override
  public String toString() {
    return "Fault{" + method + " " + path.pattern() + " x" + times + ", delay=" + delay + ", "
        + action + (action == Action.RESPOND ? " " + status : "") + "}";
  }

  /** Builds a {@link Fault}; start one with {@link Fault#on}. Not thread-safe. */
  public static final class Builder {

    private final String method;
    private final Pattern path;
    private int times = 1;
    private Duration delay = Duration.ZERO;
    private Action action = Action.PROCEED;
    private int status;
    private String retryAfter;
    private String body;

    private Builder(String method, String pathRegex) {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(pathRegex, "pathRegex");
      if (method.isBlank()) {
        throw new IllegalArgumentException("method must not be blank; use \"*\" for any");
      }
      this.method = method.trim().toUpperCase(Locale.ROOT);
      try {
        this.path = Pattern.compile(pathRegex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("pathRegex is not a valid regular expression: " + pathRegex, e);
      }
    }

    /**
     * Sets how many matching requests the fault affects (default 1).
     *
     * @param count how many matching requests, at least 1
     * @return this builder
     */
    public Builder times(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("times must be at least 1, got " + count);
      }
      this.times = count;
      return this;
    }

    /**
     * Sets a wait before the action (default none).
     *
     * @param wait how long to wait, not negative
     * @return this builder
     */
    public Builder delay(Duration wait) {
      Objects.requireNonNull(wait, "wait");
      if (wait.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative, got " + wait);
      }
      this.delay = wait;
      return this;
    }

    /**
     * Answers with {@code httpStatus} (200..599) instead of acting on the request.
     *
     * @param httpStatus the status to answer with, 200 to 599
     * @return this builder
     */
    public Builder respond(int httpStatus) {
      if (httpStatus < 200 || httpStatus > 599) {
        throw new IllegalArgumentException("status must be between 200 and 599, got " + httpStatus);
      }
      this.action = Action.RESPOND;
      this.status = httpStatus;
      return this;
    }

    /**
     * Adds a {@code Retry-After} header (seconds or an HTTP date) to a responding fault.
     *
     * @param value the header value
     * @return this builder
     */
    public Builder retryAfter(String value) {
      this.retryAfter = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Replaces a responding fault's default {@code {code, message}} body (sent as JSON).
     *
     * @param text the body text
     * @return this builder
     */
    public Builder body(String text) {
      this.body = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * Closes the connection without a response and without acting on the request.
     *
     * @return this builder
     */
    public Builder dropBeforeActing() {
      this.action = Action.DROP_BEFORE_ACTING;
      return this;
    }

    /**
     * Acts on the request, then closes the connection without a response.
     *
     * @return this builder
     */
    public Builder dropAfterActing() {
      this.action = Action.DROP_AFTER_ACTING;
      return this;
    }

    /**
     * Returns the fault.
     *
     * @return the fault
     * @throws IllegalStateException if it would do nothing, or if a header or body was set on a
     *     fault that does not respond
     */
    public Fault build() {
      if (action == Action.PROCEED && delay.isZero()) {
        throw new IllegalStateException("a fault must respond, drop or delay");
      }
      if (action != Action.RESPOND && (retryAfter != null || body != null)) {
        throw new IllegalStateException("retryAfter and body need respond(status)");
      }
      return new Fault(this);
    }
  }
}
