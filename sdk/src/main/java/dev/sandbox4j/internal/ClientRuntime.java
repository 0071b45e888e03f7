package dev.sandbox4j.internal;

import dev.sandbox4j.errors.SandboxConfigurationException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;

/**
 * What a {@code SandboxClient} and all its {@code withOptions} views share: the retry engine,
 * the async executor, the HTTP resources the client owns, and whether it has been closed.
 */
public final class ClientRuntime {
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final RetryingCaller caller;
  private final AsyncExecutor asyncExecutor;
  private final OkHttpClient ownedHttp;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Set<EarlyPage> earlyPages = ConcurrentHashMap.newKeySet();

  /**
   * Creates the shared runtime.
   *
   * @param ownedHttp the HTTP client to release on close, or null when the user supplied it
   */
  public ClientRuntime(
      RetryPolicy policy,
      Sleeper sleeper,
      RetryingCaller caller,
      AsyncExecutor asyncExecutor,
      OkHttpClient ownedHttp) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.caller = caller;
    this.asyncExecutor = asyncExecutor;
    this.ownedHttp = ownedHttp;
  }

  public RetryingCaller caller() {
    return caller;
  }

  public AsyncExecutor asyncExecutor() {
    return asyncExecutor;
  }

  /** The raw client's retry interceptor, with the same policy and the given budget. */
  public RetryInterceptor rawRetries(int maxRetries) {
    return new RetryInterceptor(policy, sleeper, maxRetries, closed::get);
  }

  /** Throws if the client was closed: a closed client sends nothing. */
  public void ensureOpen() {
    if (closed.get()) {
      throw new SandboxConfigurationException("this SandboxClient is closed");
    }
  }

  /** Remembers a page requested ahead, so that {@link #close()} can cancel it. */
  void track(EarlyPage page) {
    earlyPages.add(page);
  }

  void untrack(EarlyPage page) {
    earlyPages.remove(page);
  }

  /** Marks the client closed and releases what it owns; later calls do nothing. */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (EarlyPage page : earlyPages) {
      page.cancel();
    }
    asyncExecutor.close();
    if (ownedHttp != null) {
      ownedHttp.dispatcher().executorService().shutdown();
      ownedHttp.connectionPool().evictAll();
    }
  }
}
