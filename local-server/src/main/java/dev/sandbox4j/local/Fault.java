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
 * <p>A fault may wait ({@link Builder#delay}) and then has one {@link Effect}: answer with a status
 * ({@link Builder#respond}, optionally with {@code Retry-After} and a body) without acting; close
 * the connection without a response and without acting ({@link Builder#dropBeforeActing}); act
 * normally and then close the connection without a response ({@link Builder#dropAfterActing}: a
 * create then made a sandbox the client never heard of); or, with only a delay, act and answer
 * normally, late.
 *
 * <p>Faults apply to the API routes only, never to the {@code /_local/} test hooks, and are checked
 * before authentication, like a failing gateway in front of the real server. Instances are
 * immutable.
 *
 * <pre>{@code
 * server.admin().injectFault(Fault.on("POST", "/sandboxes").times(2).respond(503).retryAfter("1").build());
 * server.admin().injectFault(Fault.on("*", "/sandboxes/[a-z0-9]+/pause").dropAfterActing().build());
 * }</pre>
 */
public final class Fault {

  /**
   * What a fault does after its delay: exactly one of {@link Proceed}, {@link Respond}, {@link
   * DropBeforeActing} and {@link DropAfterActing}, each carrying only what it needs.
   */
  public sealed interface Effect permits Proceed, Respond, DropBeforeActing, DropAfterActing {}

  /** Handle the request normally, late (a delay-only fault). */
  public record Proceed() implements Effect {}

  /**
   * Answer with a status, an optional {@code Retry-After} and a body (the API's JSON error body
   * when none is given); the request is not acted on.
   *
   * @param status the HTTP status, 200 to 599
   * @param retryAfter the {@code Retry-After} value, if any
   * @param body the body to send as JSON, if any
   */
  public record Respond(int status, Optional<String> retryAfter, Optional<String> body)
      implements Effect {
    /**
     * Checks the values; a fault's builder is the usual way to make one.
     *
     * @param status the HTTP status, 200 to 599
     * @param retryAfter the {@code Retry-After} value, if any
     * @param body the body to send as JSON, if any
     */
    public Respond {
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException("status must be between 200 and 599, got " + status);
      }
      Objects.requireNonNull(retryAfter, "retryAfter");
      Objects.requireNonNull(body, "body");
    }
  }

  /** Close the connection without a response; the request is not acted on. */
  public record DropBeforeActing() implements Effect {}

  /** Act on the request, then close the connection without a response. */
  public record DropAfterActing() implements Effect {}

  /** The method that matches any method. */
  public static final String ANY_METHOD = "*";

  private final String method;
  private final Pattern path;
  private final int times;
  private final Duration delay;
  private final Effect effect;

  private Fault(Builder builder, Effect effect) {
    this.method = builder.method;
    this.path = builder.path;
    this.times = builder.times;
    this.delay = builder.delay;
    this.effect = effect;
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
  public Effect effect() {
    return effect;
  }

  /**
   * Tells whether a request with this method and raw path is one this fault applies to. A path
   * pattern that needs more than {@value #MAX_MATCH_STEPS} character reads on one path (a
   * catastrophically backtracking regex) counts as not matching, instead of holding the request.
   *
   * @param requestMethod the request's method
   * @param rawPath the request's raw path, without the query
   * @return whether this fault applies to the request
   */
  public boolean matches(String requestMethod, String rawPath) {
    if (!ANY_METHOD.equals(method) && !method.equalsIgnoreCase(requestMethod)) {
      return false;
    }
    try {
      return path.matcher(new BoundedChars(rawPath)).matches();
    } catch (BoundedChars.Exhausted tooCostly) {
      return false;
    }
  }

  /** The most character reads one path match may take. */
  static final int MAX_MATCH_STEPS = 1_000_000;

  /** A path that stops a regex which reads it too often: a time bound without a thread. */
  private static final class BoundedChars implements CharSequence {

    /** Signals an exhausted budget; no stack trace, it is control flow. */
    static final class Exhausted extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Exhausted() {
        super("regex step budget exhausted", null, false, false);
      }
    }

    private final String text;
    private final int[] steps;

    BoundedChars(String text) {
      this(text, new int[1]);
    }

    private BoundedChars(String text, int[] steps) {
      this.text = text;
      this.steps = steps;
    }

    @Override
    public char charAt(int index) {
      if (++steps[0] > MAX_MATCH_STEPS) {
        throw new Exhausted();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new BoundedChars(text.substring(start, end), steps);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  @Override
  public String toString() {
    return "Fault{"
        + method
        + " "
        + path.pattern()
        + " x"
        + times
        + ", delay="
        + delay
        + ", "
        + effect
        + "}";
  }

  /** Builds a {@link Fault}; start one with {@link Fault#on}. Not thread-safe. */
  public static final class Builder {

    private final String method;
    private final Pattern path;
    private int times = 1;
    private Duration delay = Duration.ZERO;
    private Effect effect = new Proceed();
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
        throw new IllegalArgumentException(
            "pathRegex is not a valid regular expression: " + pathRegex, e);
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
      this.effect = new Respond(httpStatus, Optional.empty(), Optional.empty());
      return this;
    }

    /**
     * Adds a {@code Retry-After} header (seconds or an HTTP date) to a responding fault.
     *
     * @throws IllegalArgumentException if the value holds a character a header cannot carry (a
     *     control character such as CR or LF, or one outside printable ASCII)
     * @param value the header value
     * @return this builder
     */
    public Builder retryAfter(String value) {
      Objects.requireNonNull(value, "value");
      if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException(
            "retryAfter must be printable ASCII (a header value), got "
                + value.length()
                + " characters with others");
      }
      this.retryAfter = value;
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
      this.effect = new DropBeforeActing();
      return this;
    }

    /**
     * Acts on the request, then closes the connection without a response.
     *
     * @return this builder
     */
    public Builder dropAfterActing() {
      this.effect = new DropAfterActing();
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
      if (effect instanceof Proceed && delay.isZero()) {
        throw new IllegalStateException("a fault must respond, drop or delay");
      }
      if (effect instanceof Respond respond) {
        return new Fault(
            this,
            new Respond(
                respond.status(), Optional.ofNullable(retryAfter), Optional.ofNullable(body)));
      }
      if (retryAfter != null || body != null) {
        throw new IllegalStateException("retryAfter and body need respond(status)");
      }
      return new Fault(this, effect);
    }
  }
}
