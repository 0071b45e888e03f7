package dev.sandbox4j.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor behind {@code SandboxClient.async()}: either a daemon thread pool the client owns
 * and shuts down on close, or one the user supplied, which is never shut down.
 */
final class AsyncExecutor {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Executor executor;
  private final boolean owned;

  private AsyncExecutor(Executor executor, boolean owned) {
    this.executor = executor;
    this.owned = owned;
  }

  /** A cached pool of daemon threads, so that a forgotten client never keeps a JVM alive. */
  static AsyncExecutor owned() {
    ExecutorService pool =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "sandbox4j-async-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    return new AsyncExecutor(pool, true);
  }

  /** A user's executor, used but never shut down. */
  static AsyncExecutor borrowed(Executor executor) {
    return new AsyncExecutor(executor, false);
  }

  Executor executor() {
    return executor;
  }

  /** Shuts the pool down if this client owns it; running calls finish. */
  void close() {
    if (owned) {
      ((ExecutorService) executor).shutdown();
    }
  }
}
