package dev.sandbox4j.local.internal.interpreter;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client I/O deadline as the local server enforces it: the handler thread is interrupted when a
 * write takes longer than the limit, which closes the socket channel it is blocked on.
 */
final class InterruptingDeadline implements ClientIoDeadline, AutoCloseable {

  private final long limitMillis;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final ThreadLocal<Watch> current = new ThreadLocal<>();

  private record Watch(ScheduledFuture<?> future, AtomicBoolean expired) {}

  InterruptingDeadline(long limitMillis) {
    this.limitMillis = limitMillis;
  }

  @Override
  public void start() {
    stop();
    Thread thread = Thread.currentThread();
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> future =
        timer.schedule(
            () -> {
              expired.set(true);
              thread.interrupt();
            },
            limitMillis,
            TimeUnit.MILLISECONDS);
    current.set(new Watch(future, expired));
  }

  @Override
  public boolean stop() {
    Watch watch = current.get();
    if (watch == null) {
      return true;
    }
    current.remove();
    watch.future().cancel(false);
    return !watch.expired().get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
