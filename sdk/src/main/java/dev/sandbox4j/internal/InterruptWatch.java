package dev.sandbox4j.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;

/**
 * Cancels a call when the thread waiting on it is interrupted. Java offers no callback for an
 * interrupt and OkHttp's blocking read ignores it, so one daemon thread looks at the waiting
 * threads every {@value #PERIOD_MILLIS} ms while any call is watched, and ends once none has been
 * for {@value #LINGER_MILLIS} ms.
 */
final class InterruptWatch {
  static final long PERIOD_MILLIS = 20;
  private static final long LINGER_MILLIS = 2_000;
  private static final Map<Call, Thread> WATCHED = new ConcurrentHashMap<>();
  private static Thread watcher; // guarded by InterruptWatch.class

  private InterruptWatch() {}

  static void watch(Call call, Thread waiting) {
    WATCHED.put(call, waiting);
    synchronized (InterruptWatch.class) {
      if (watcher == null) {
        watcher = new Thread(InterruptWatch::watchUntilIdle, "sandbox4j-interrupt-watch");
        watcher.setDaemon(true);
        watcher.start();
      }
    }
  }

  static void unwatch(Call call) {
    WATCHED.remove(call);
  }

  private static void watchUntilIdle() {
    long idleSince = System.nanoTime();
    while (true) {
      WATCHED.forEach(
          (call, thread) -> {
            if (thread.isInterrupted()) {
              call.cancel();
            }
          });
      synchronized (InterruptWatch.class) {
        if (!WATCHED.isEmpty()) {
          idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince > LINGER_MILLIS * 1_000_000) {
          watcher = null;
          return;
        }
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException ignored) {
        // Nobody interrupts this thread on purpose; keep watching.
      }
    }
  }
}
