package dev.sandbox4j.internal;

import dev.sandbox4j.errors.SandboxConfigurationException;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;

/**
 * What a {@code SandboxClient} and all its {@code withOptions} views share: the retry engine,
 * the async executor, the HTTP resources the client owns, and whether it has been closed.
 */
final class ClientRuntime {
  private static final String CLOSED = "this SandboxClient is closed";

  private final RetryingCaller caller;
  private final AsyncExecutor asyncExecutor;
  private final OkHttpClient ownedHttp;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates the shared runtime.
   *
   * @param ownedHttp the HTTP client to release on close, or null when the user supplied it
   */
  ClientRuntime(RetryingCaller caller, AsyncExecutor asyncExecutor, OkHttpClient ownedHttp) {
    this.caller = caller;
    this.asyncExecutor = asyncExecutor;
    this.ownedHttp = ownedHttp;
  }

  /** The error of every call on a closed client. */
  static SandboxConfigurationException closedException() {
    return new SandboxConfigurationException(CLOSED);
  }

  RetryingCaller caller() {
    return caller;
  }

  AsyncExecutor asyncExecutor() {
    return asyncExecutor;
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Throws if the client was closed: a closed client sends nothing. */
  void ensureOpen() {
    if (closed.get()) {
      throw closedException();
    }
  }

  /** Marks the client closed and releases what it owns; later calls do nothing. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    asyncExecutor.close();
    if (ownedHttp != null) {
      ownedHttp.dispatcher().executorService().shutdown();
      ownedHttp.connectionPool().evictAll();
    }
  }
}
