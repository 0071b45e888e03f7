package dev.sandbox4j.internal;

import dev.sandbox4j.errors.SandboxConnectionException;
import dev.sandbox4j.errors.SandboxException;
import dev.sandbox4j.errors.SandboxTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one SDK operation: attempts it, classifies each failure, retries as {@link RetryPolicy}
 * says within the call's time budget, and throws the mapped exception of the last attempt.
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
  }

  private final RetryPolicy policy;
  private final ExceptionMapper mapper;
  private final Sleeper sleeper;
  private final Clock clock;

  public RetryingCaller(RetryPolicy policy, ExceptionMapper mapper, Sleeper sleeper, Clock clock) {
    this.policy = policy;
    this.mapper = mapper;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /**
   * Runs an operation with the given retry budget and timeouts.
   *
   * @param operation what is being done
   * @param sandboxId the sandbox it is done to, or null
   * @param settings retries and timeouts to apply
   * @param attempt one attempt
   */
  public <T> T call(
      Operation operation, String sandboxId, ClientSettings settings, Attempt<T> attempt) {
    Instant deadline = settings.callTimeout().map(clock.instant()::plus).orElse(null);
    boolean mayHaveActed = false;
    SandboxException last = null;
    for (int number = 1; ; number++) {
      Duration timeout = settings.requestTimeout();
      if (deadline != null) {
        Duration remaining = Duration.between(clock.instant(), deadline);
        if (remaining.isNegative() || remaining.isZero()) {
          throw callTimedOut(operation, sandboxId, settings, last, number - 1);
        }
        timeout = timeout.isZero() || remaining.compareTo(timeout) < 0 ? remaining : timeout;
      }
      Failure failure;
      try {
        return attempt.run(new AttemptContext(number, timeout, mayHaveActed));
      } catch (RefusedBeforeSending refused) {
        throw refused.reason(); // decided before sending: nothing to classify or retry
      } catch (InterruptedException interrupted) {
        // OkHttp throws it while waiting for a connection, before anything is sent.
        Thread.currentThread().interrupt();
        String what =
            sandboxId == null ? operation.description() : operation.description() + " " + sandboxId;
        throw new SandboxConnectionException(
            what + " failed: the thread was interrupted before the request was sent",
            interrupted,
            number);
      } catch (Exception e) {
        failure = Failure.of(e);
      }
      last = mapper.map(operation, sandboxId, failure, number);
      if (number > settings.maxRetries() || !policy.isRetryable(operation, failure)) {
        throw last;
      }
      Optional<Duration> delay = policy.delayBefore(number, failure);
      if (delay.isEmpty()
          || (deadline != null && clock.instant().plus(delay.get()).isAfter(deadline))) {
        throw last;
      }
      mayHaveActed |= failure.mayHaveActed();
      LOG.debug(
          "{} attempt {} failed ({}); retrying in {} ms",
          operation.description(),
          number,
          last.getMessage(),
          delay.get().toMillis());
      try {
        sleeper.sleep(delay.get());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        last.addSuppressed(interrupted);
        throw last;
      }
    }
  }

  private SandboxTimeoutException callTimedOut(
      Operation operation,
      String sandboxId,
      ClientSettings settings,
      SandboxException last,
      int attempts) {
    String what = sandboxId == null ? operation.description() : operation.description() + " " + sandboxId;
    return new SandboxTimeoutException(
        what
            + " timed out: the call timeout of "
            + settings.callTimeout().orElseThrow()
            + " ran out after "
            + attempts
            + " attempts",
        last,
        attempts);
  }
}
