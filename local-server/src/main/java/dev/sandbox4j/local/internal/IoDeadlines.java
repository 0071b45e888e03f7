package dev.sandbox4j.local.internal;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Limits how long a handler thread may wait on its client: while the request is read and while the
 * response is written, never while the emulator computes or a fault's delay runs.
 *
 * <p>Request heads and small bodies are read by the server's selector under its own deadline; what
 * a handler still reads or writes (a larger or chunked body, the response) uses blocking socket
 * I/O, which never times out by itself. A client that sends a large body slowly, or never reads its
 * response, would hold a thread forever. Interrupting a thread blocked on a {@code SocketChannel}
 * closes that channel, which ends the exchange (and the connection is released by its close): that
 * is what happens here when a deadline passes.
 */
final class IoDeadlines implements AutoCloseable {

  private final long timeoutNanos;
  private final ScheduledThreadPoolExecutor timer;
  private final ThreadLocal<ThreadDeadline> current = new ThreadLocal<>();

  IoDeadlines(Duration timeout, ThreadFactory threads) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.timeoutNanos = timeout.toNanos();
    this.timer = new ScheduledThreadPoolExecutor(1, threads);
    this.timer.setRemoveOnCancelPolicy(true);
  }

  /** Wraps one exchange so that reading its request is watched from the moment it starts. */
  Runnable watched(Runnable exchange) {
    return () -> {
      start();
      try {
        exchange.run();
      } finally {
        stop();
        Thread.interrupted(); // a pooled thread must not carry a deadline's interrupt to the next
        // exchange
      }
    };
  }

  /** Starts a new deadline for the calling thread's socket I/O, replacing any running one. */
  void start() {
    stop();
    ThreadDeadline deadline = ThreadDeadline.forCurrentThread();
    try {
      deadline.schedule(timer, timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      return; // the server is closing and interrupts its threads itself
    }
    current.set(deadline);
  }

  /**
   * Stops the calling thread's deadline; false if it had already passed, in which case the
   * connection is closed (or will be at its next I/O) and the exchange must be abandoned.
   */
  boolean stop() {
    ThreadDeadline deadline = current.get();
    if (deadline == null) {
      return true;
    }
    current.remove();
    return deadline.disarm();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
