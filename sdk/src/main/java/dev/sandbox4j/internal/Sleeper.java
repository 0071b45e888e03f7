package dev.sandbox4j.internal;

import java.time.Duration;

/** Waits between retries; injectable so that tests run instantly and record the delays. */
@FunctionalInterface
public interface Sleeper {
  /** The real thing: {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  /** Waits for the given time, or throws promptly when the thread is interrupted. */
  void sleep(Duration duration) throws InterruptedException;
}
