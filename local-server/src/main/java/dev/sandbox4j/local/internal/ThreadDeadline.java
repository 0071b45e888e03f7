package dev.sandbox4j.local.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One deadline on a thread's blocking socket I/O: if it passes before it is disarmed, the thread is
 * interrupted, which closes the socket channel it is blocked on and so ends the call. The control
 * plane's {@link IoDeadlines} and the data plane's watchdog both arm it.
 *
 * <p>Not part of the public API.
 */
public final class ThreadDeadline {

  private final Thread thread;
  private ScheduledFuture<?> future;
  private boolean armed = true;
  private boolean expired;

  private ThreadDeadline(Thread thread) {
    this.thread = thread;
  }

  /**
   * Returns a deadline for the calling thread; it passes only once scheduled.
   *
   * @return the deadline, armed but not yet scheduled
   */
  public static ThreadDeadline forCurrentThread() {
    return new ThreadDeadline(Thread.currentThread());
  }

  /**
   * Makes the deadline pass after {@code timeout} on {@code timer}.
   *
   * @param timer the timer that fires the deadline
   * @param timeout how long from now
   * @param unit the unit of {@code timeout}
   * @throws RejectedExecutionException if the timer is shut down (the server is closing)
   */
  public synchronized void schedule(ScheduledExecutorService timer, long timeout, TimeUnit unit) {
    future = timer.schedule(this::expire, timeout, unit);
  }

  /** Lets the deadline pass now, unless it was disarmed: interrupts the thread. */
  public synchronized void expire() {
    if (armed) {
      expired = true;
      thread.interrupt();
    }
  }

  /**
   * Disarms the deadline.
   *
   * @return false if it had already passed (the thread was, or is about to be, interrupted)
   */
  public synchronized boolean disarm() {
    armed = false;
    if (future != null) {
      future.cancel(false);
    }
    return !expired;
  }
}
