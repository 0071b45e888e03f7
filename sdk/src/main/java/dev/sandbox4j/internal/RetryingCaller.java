package dev.sandbox4j.internal;

import dev.sandbox4j.errors.SandboxConnectionException;
import dev.sandbox4j.errors.SandboxException;
import dev.sandbox4j.errors.SandboxTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry engine: the one loop that runs every request the SDK makes, its own operations through
 * {@link #call} and {@code raw()} requests through {@link #rawInterceptor}. It attempts, classifies
 * each failure, asks {@link RetryPolicy#nextDelay} whether and when to try again within the call's
 * time budget, and ends as the caller needs: the SDK's typed exception, or for a raw request the
 * last response or I/O failure unchanged.
 */
public final class RetryingCaller {
  private static final Logger LOG = LoggerFactory.getLogger("dev.sandbox4j.retry");

  /** One attempt of an operation. */
  @FunctionalInterface
  public interface Attempt<T> {
    /** Performs the attempt; anything it throws is classified as a {@link Failure}. */
    T run(AttemptContext context) throws Exception;
  }

  /** What an attempt may know about itself. */
  public static final class AttemptContext {
    private final int number;
    private final Duration timeout;
    private final boolean earlierAttemptMayHaveActed;
    private String target;

    AttemptContext(int number, Duration timeout, boolean earlierAttemptMayHaveActed) {
      this.number = number;
      this.timeout = timeout;
      this.earlierAttemptMayHaveActed = earlierAttemptMayHaveActed;
    }

    /** 1 for the first attempt. */
    public int number() {
      return number;
    }

    /** The time this attempt may take; zero means no limit. */
    public Duration timeout() {
      return timeout;
    }

    /** Whether an earlier attempt failed in a way that may hide that the server acted. */
    public boolean earlierAttemptMayHaveActed() {
      return earlierAttemptMayHaveActed;
    }

    /** Records where the attempt is sent, so that a connection error can name the server. */
    public void sending(HttpUrl url) {
      this.target = url.scheme() + "://" + url.host() + ":" + url.port();
    }
  }

  /** How a run of the loop ends when it does not succeed; SDK calls and raw requests differ. */
  private interface Ending<T, E extends Exception> {
    /** The last attempt failed and is not repeated. */
    T giveUp(Failure failure, int attempts) throws E;

    /** An attempt was refused before anything was sent. */
    T refuse(SandboxException reason) throws E;

    /** The thread was interrupted while waiting to repeat a failed attempt. */
    T interrupted(Failure failure, int attempts, InterruptedException interrupted) throws E;

    /** The call's deadline passed before the next attempt could start. */
    T outOfTime(Failure last, int attempts) throws E;

    /** The call was stopped from outside (an interrupt, a close) after at least one attempt. */
    T stopped(Stop why, Failure last, int attempts) throws E;

    /** Whether the caller gave up on the call (a cancelled raw request). */
    boolean cancelled();
  }

  /** Why a call stopped before its retry rules ended it. */
  private enum Stop {
    INTERRUPTED("the thread was interrupted"),
    CLOSED("the client was closed");

    private final String reason;

    Stop(String reason) {
      this.reason = reason;
    }
  }

  private final RetryPolicy policy;
  private final ExceptionMapper mapper;
  private final Sleeper sleeper;
  private final Clock clock;
  private final InFlightCalls inFlight = new InFlightCalls();

  RetryingCaller(RetryPolicy policy, ExceptionMapper mapper, Sleeper sleeper, Clock clock) {
    this.policy = policy;
    this.mapper = mapper;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /**
   * The calls on the wire through this engine: an attempt performs its exchange through it, so that
   * an interrupt or a close cancels the exchange instead of waiting for its timeout.
   */
  /** The one mapper of failures to public exceptions, for failures met outside an attempt. */
  ExceptionMapper mapper() {
    return mapper;
  }

  InFlightCalls inFlight() {
    return inFlight;
  }

  /**
   * Runs an SDK operation with the given options' retry budget and timeouts.
   *
   * @param operation what is being done
   * @param sandboxId the sandbox it is done to, or null
   * @param options retries and timeouts to apply
   * @param attempt one attempt
   * @throws SandboxException the mapped failure of the last attempt
   */
  public <T> T call(
      Operation operation, String sandboxId, ClientOptions options, Attempt<T> attempt) {
    Instant deadline = options.callTimeout().map(clock.instant()::plus).orElse(null);
    return run(
        operation,
        operation.describe(sandboxId),
        options,
        deadline,
        attempt,
        new SdkEnding<T>(operation, sandboxId, options));
  }

  /**
   * Returns the interceptor that runs {@code raw()} requests through this engine. A POST to {@code
   * /sandboxes} is a create and is retried only when the server surely did not act; every other API
   * request is safe to repeat. Raw requests have no whole-call deadline.
   *
   * @param closed tells whether the client was closed: then nothing more is sent
   */
  Interceptor rawInterceptor(ClientOptions options, BooleanSupplier closed) {
    return chain -> {
      Request request = chain.request();
      Operation operation = operationOf(request);
      return run(
          operation,
          operation.description(),
          options,
          null,
          context -> {
            if (closed.getAsBoolean()) {
              throw new RefusedBeforeSending(ClientRuntime.closedException());
            }
            Response response = inFlight.perform(chain.call(), () -> chain.proceed(request));
            if (!response.isSuccessful()) {
              throw new UnsuccessfulResponse(response);
            }
            return response;
          },
          new RawEnding(chain, mapper.redactor()));
    };
  }

  /** Tells a create (billed, not safe to repeat) from the other operations. */
  static Operation operationOf(Request request) {
    boolean create =
        request.method().equals("POST") && request.url().encodedPath().endsWith("/sandboxes");
    return create ? Operation.CREATE : Operation.RAW_OTHER;
  }

  private <T, E extends Exception> T run(
      Operation operation,
      String what,
      ClientOptions options,
      Instant deadline,
      Attempt<T> attempt,
      Ending<T, E> ending)
      throws E {
    boolean mayHaveActed = false;
    Failure last = null;
    for (int number = 1; ; number++) {
      Duration timeout = options.requestTimeout();
      if (deadline != null) {
        Duration remaining = Duration.between(clock.instant(), deadline);
        if (remaining.isNegative() || remaining.isZero()) {
          return ending.outOfTime(last, number - 1);
        }
        timeout = timeout.isZero() || remaining.compareTo(timeout) < 0 ? remaining : timeout;
      }
      Failure failure;
      AttemptContext context = new AttemptContext(number, timeout, mayHaveActed);
      try {
        return attempt.run(context);
      } catch (RefusedBeforeSending refused) {
        if (last != null && inFlight.isClosed()) {
          return ending.stopped(Stop.CLOSED, last, number - 1); // closed while waiting to retry
        }
        return ending.refuse(refused.reason()); // decided before sending: nothing to retry
      } catch (InterruptedException interrupted) {
        // OkHttp throws it while waiting for a connection, before anything is sent.
        Thread.currentThread().interrupt();
        return ending.refuse(
            new SandboxConnectionException(
                what + " failed: the thread was interrupted before the request was sent",
                interrupted,
                number));
      } catch (Exception e) {
        failure = Failure.classify(e);
        if (failure == null) {
          // Not a failed exchange but a bug: let it show as one.
          throw e instanceof RuntimeException
              ? (RuntimeException) e
              : new IllegalStateException("unexpected checked exception in an attempt", e);
        }
        failure.at(context.target);
      }
      last = failure;
      if (Thread.currentThread().isInterrupted()) {
        return ending.stopped(Stop.INTERRUPTED, failure, number);
      }
      if (inFlight.isClosed()) {
        return ending.stopped(Stop.CLOSED, failure, number);
      }
      Optional<Duration> delay =
          policy.nextDelay(operation, number, failure, options.maxRetries(), deadline);
      if (delay.isEmpty() || ending.cancelled()) {
        return ending.giveUp(failure, number);
      }
      mayHaveActed |= failure.mayHaveActed();
      LOG.debug(
          "{} attempt {} failed ({}); retrying in {} ms",
          operation.description(),
          number,
          failure,
          delay.get().toMillis());
      failure.discard();
      try {
        sleeper.sleep(delay.get());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return ending.interrupted(failure, number, interrupted);
      }
    }
  }

  /** Ends an SDK operation with the public exception for its last failure. */
  private final class SdkEnding<T> implements Ending<T, SandboxException> {
    private final Operation operation;
    private final String sandboxId;
    private final ClientOptions options;

    SdkEnding(Operation operation, String sandboxId, ClientOptions options) {
      this.operation = operation;
      this.sandboxId = sandboxId;
      this.options = options;
    }

    @Override
    public T giveUp(Failure failure, int attempts) {
      throw mapper.map(operation, sandboxId, failure, attempts);
    }

    @Override
    public T refuse(SandboxException reason) {
      throw reason;
    }

    @Override
    public T interrupted(Failure failure, int attempts, InterruptedException interrupted) {
      SandboxException last = mapper.map(operation, sandboxId, failure, attempts);
      last.addSuppressed(interrupted);
      throw last;
    }

    @Override
    public T outOfTime(Failure last, int attempts) {
      throw new SandboxTimeoutException(
          operation.describe(sandboxId)
              + " timed out: the call timeout of "
              + options.callTimeout().orElseThrow()
              + " ran out after "
              + attempts
              + " attempts",
          last == null ? null : mapper.map(operation, sandboxId, last, attempts),
          attempts);
    }

    @Override
    public T stopped(Stop why, Failure last, int attempts) {
      String advice =
          !operation.safeToRepeat() && last.mayHaveActed()
              ? "; " + operation.ambiguousOutcome()
              : "";
      throw new SandboxConnectionException(
          operation.describe(sandboxId)
              + " stopped after "
              + attempts
              + (attempts == 1 ? " attempt: " : " attempts: ")
              + why.reason
              + advice,
          mapper.map(operation, sandboxId, last, attempts),
          attempts);
    }

    @Override
    public boolean cancelled() {
      return false;
    }
  }

  /** Ends a raw request as OkHttp expects: the last response, or the last I/O failure. */
  private static final class RawEnding implements Ending<Response, IOException> {
    private final Interceptor.Chain chain;
    private final Redactor redactor;

    RawEnding(Interceptor.Chain chain, Redactor redactor) {
      this.chain = chain;
      this.redactor = redactor;
    }

    @Override
    public Response giveUp(Failure failure, int attempts) throws IOException {
      if (failure.response() != null) {
        return failure.response();
      }
      IOException cause = (IOException) failure.cause();
      Throwable scrubbed = redactor.scrub(cause);
      // An I/O message may quote what the server sent (a status line): only a scrubbed copy.
      throw scrubbed == cause ? cause : new IOException(scrubbed.toString(), scrubbed);
    }

    @Override
    public Response refuse(SandboxException reason) throws IOException {
      throw new IOException(reason.getMessage());
    }

    @Override
    public Response interrupted(Failure failure, int attempts, InterruptedException e)
        throws IOException {
      InterruptedIOException interrupted =
          new InterruptedIOException("interrupted while waiting to retry");
      if (failure.cause() != null) {
        interrupted.addSuppressed(failure.cause());
      }
      throw interrupted;
    }

    @Override
    public Response outOfTime(Failure last, int attempts) {
      throw new IllegalStateException("raw requests have no deadline");
    }

    @Override
    public Response stopped(Stop why, Failure last, int attempts) throws IOException {
      IOException stopped =
          why == Stop.INTERRUPTED
              ? new InterruptedIOException(why.reason)
              : new IOException(why.reason);
      stopped.initCause(last.cause());
      last.discard();
      throw stopped;
    }

    @Override
    public boolean cancelled() {
      return chain.call().isCanceled();
    }
  }
}
