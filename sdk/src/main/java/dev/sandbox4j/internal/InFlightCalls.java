package dev.sandbox4j.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;

/**
 * The HTTP calls a client has on the wire, so that they end when the caller stops caring:
 * {@link #close()} cancels them all (their sockets close at once instead of lingering in the
 * pool), and an interrupt of the thread waiting on one cancels it (a blocking socket read does
 * not notice interrupts by itself). Shared by a client and all its views.
 */
final class InFlightCalls {
  /** An exchange performed on the calling thread while its call is tracked. */
  @FunctionalInterface
  interface Exchange<T, E extends Exception> {
    T perform() throws E;
  }

  private final Set<Call> calls = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Performs an exchange of the given call on this thread, cancelling the call if the client is
   * closed or the thread interrupted before it ends.
   */
  <T, E extends Exception> T perform(Call call, Exchange<T, E> exchange) throws E {
    calls.add(call);
    InterruptWatch.watch(call, Thread.currentThread());
    try {
      if (closed) {
        call.cancel(); // closed between the caller's check and now: send nothing more
      }
      return exchange.perform();
    } finally {
      InterruptWatch.unwatch(call);
      calls.remove(call);
    }
  }

  boolean isClosed() {
    return closed;
  }

  /** Marks the client closed and cancels every call still on the wire. */
  void close() {
    closed = true;
    for (Call call : calls) {
      call.cancel();
    }
  }
}
