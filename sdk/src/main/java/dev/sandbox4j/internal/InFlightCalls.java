package dev.sandbox4j.internal;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * The HTTP calls a client has on the wire, so that they end when the caller stops caring: {@link
 * #close()} cancels them all (their sockets close at once instead of lingering in the pool), and an
 * interrupt of the thread waiting on one cancels it (a blocking socket read does not notice
 * interrupts by itself). Shared by a client and all its views.
 */
final class InFlightCalls {
  /** An exchange performed on the calling thread while its call is tracked. */
  @FunctionalInterface
  interface Exchange<T, E extends Exception> {
    T perform() throws E;
  }

  private final Set<Call> calls = ConcurrentHashMap.newKeySet();

  /** Calls whose bodies outlive their exchange; kept apart, as the exchange untracks its call. */
  private final Set<Call> heldBodies = ConcurrentHashMap.newKeySet();

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

  /**
   * Returns the response with its body tracked beyond the exchange, for an answer read later or
   * elsewhere (a stream, a download): {@link #close()} cancels its call, an interrupt of a thread
   * blocked reading it cancels it, and closing the body stops the tracking.
   */
  Response holdBody(Call call, Response response) {
    heldBodies.add(call);
    if (closed) {
      call.cancel(); // closed while the answer's head was arriving
    }
    ResponseBody body = response.body();
    Source tracked =
        new ForwardingSource(body.source()) {
          @Override
          public long read(Buffer sink, long byteCount) throws IOException {
            InterruptWatch.watch(call, Thread.currentThread());
            try {
              return super.read(sink, byteCount);
            } finally {
              InterruptWatch.unwatch(call);
            }
          }

          @Override
          public void close() throws IOException {
            heldBodies.remove(call);
            super.close();
          }
        };
    return response
        .newBuilder()
        .body(ResponseBody.create(Okio.buffer(tracked), body.contentType(), body.contentLength()))
        .build();
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
    for (Call call : heldBodies) {
      call.cancel();
    }
  }
}
