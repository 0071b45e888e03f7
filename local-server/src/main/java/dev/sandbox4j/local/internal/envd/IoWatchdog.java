package dev.sandbox4j.local.internal.envd;

import dev.sandbox4j.local.internal.ThreadDeadline;
import dev.sandbox4j.local.internal.interpreter.ClientIoDeadline;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bounds each blocking socket call of the data plane (one read of a request body, one write of a
 * response chunk), not a whole exchange: a stream may live for hours, but a client that takes
 * nothing for the timeout loses its connection. Interrupting a thread blocked on the exchange's
 * socket channel closes the channel, which ends the call with an exception.
 */
final class IoWatchdog {

  /** One socket call. */
  @FunctionalInterface
  interface IoCall<T> {
    T run() throws IOException;
  }

  private final ScheduledExecutorService timer;
  private final long timeoutMillis;

  IoWatchdog(ScheduledExecutorService timer, Duration timeout) {
    this.timer = timer;
    this.timeoutMillis = timeout.toMillis();
  }

  <T> T call(IoCall<T> io) throws IOException {
    ThreadDeadline guard = ThreadDeadline.forCurrentThread();
    try {
      guard.schedule(timer, timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      throw new IOException("the server is closing");
    }
    boolean completed = false;
    try {
      T result = io.run();
      completed = true;
      return result;
    } finally {
      if (!guard.disarm()) {
        Thread.interrupted(); // the deadline's interrupt must not reach the next call
        if (completed) {
          throw new IOException("the client took longer than " + timeoutMillis + " ms");
        }
      }
    }
  }

  void run(IoCall<Void> io) throws IOException {
    call(io);
  }

  /**
   * The same bound for code that starts and stops it around its own socket calls (the code
   * interpreter): one deadline per thread, armed by {@code start}, disarmed by {@code stop}.
   */
  ClientIoDeadline asClientIoDeadline() {
    ThreadLocal<ThreadDeadline> guards = new ThreadLocal<>();
    return new ClientIoDeadline() {
      @Override
      public void start() {
        stop();
        ThreadDeadline guard = ThreadDeadline.forCurrentThread();
        guards.set(guard);
        try {
          guard.schedule(timer, timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
          guard.expire(); // the server is closing: the next socket call fails at once
        }
      }

      @Override
      public boolean stop() {
        ThreadDeadline guard = guards.get();
        if (guard == null) {
          return true;
        }
        guards.remove();
        if (guard.disarm()) {
          return true;
        }
        Thread.interrupted(); // the deadline's interrupt must not reach the next call
        return false;
      }
    };
  }
}
