package dev.sandbox4j.local.internal.interpreter;

/**
 * Nanoseconds that pass while the sandbox runs: a paused sandbox's kernels are frozen, so the time
 * they spend paused must not count against an execution's timeout.
 */
final class ActiveClock {

  private long pausedAt = -1;
  private long pausedTotal;

  /** A monotonic reading that stands still while paused. */
  synchronized long nanos() {
    long now = pausedAt >= 0 ? pausedAt : System.nanoTime();
    return now - pausedTotal;
  }

  synchronized void pause() {
    if (pausedAt < 0) {
      pausedAt = System.nanoTime();
    }
  }

  synchronized void resume() {
    if (pausedAt >= 0) {
      pausedTotal += System.nanoTime() - pausedAt;
      pausedAt = -1;
    }
  }
}
