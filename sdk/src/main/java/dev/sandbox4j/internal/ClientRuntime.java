package dev.sandbox4j.internal;

import dev.sandbox4j.errors.SandboxConfigurationException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;

/**
 * What a {@code SandboxClient} and all its {@code withOptions} views share: the retry engine, the
 * async executor, the HTTP resources the client owns, and whether it has been closed.
 */
final class ClientRuntime {
  private static final String CLOSED = "this SandboxClient is closed";

  private final RetryingCaller caller;
  private final AsyncExecutor asyncExecutor;
  private final OkHttpClient ownedHttp;
  private final Secrets secrets;
  private final Set<EarlyPage> earlyPages = ConcurrentHashMap.newKeySet();

  /**
   * Creates the shared runtime.
   *
   * @param ownedHttp the HTTP client to release on close, or null when the user supplied it
   */
  ClientRuntime(RetryingCaller caller, AsyncExecutor asyncExecutor, OkHttpClient ownedHttp) {
    this(caller, asyncExecutor, ownedHttp, new Secrets());
  }

  /**
   * Creates the shared runtime.
   *
   * @param ownedHttp the HTTP client to release on close, or null when the user supplied it
   * @param secrets the secrets the client has seen, which its redaction reads
   */
  ClientRuntime(
      RetryingCaller caller, AsyncExecutor asyncExecutor, OkHttpClient ownedHttp, Secrets secrets) {
    this.caller = caller;
    this.asyncExecutor = asyncExecutor;
    this.ownedHttp = ownedHttp;
    this.secrets = secrets;
  }

  /** The error of every call on a closed client. */
  static SandboxConfigurationException closedException() {
    return new SandboxConfigurationException(CLOSED);
  }

  RetryingCaller caller() {
    return caller;
  }

  Secrets secrets() {
    return secrets;
  }

  AsyncExecutor asyncExecutor() {
    return asyncExecutor;
  }

  boolean isClosed() {
    return caller.inFlight().isClosed();
  }

  /** Throws if the client was closed: a closed client sends nothing. */
  void ensureOpen() {
    if (isClosed()) {
      throw closedException();
    }
  }

  /** Remembers a page requested ahead, so that {@link #close()} can cancel it. */
  void track(EarlyPage page) {
    earlyPages.add(page);
    if (isClosed()) {
      page.cancel(); // closed between the paginator's check and now: send nothing more
    }
  }

  void untrack(EarlyPage page) {
    earlyPages.remove(page);
  }

  /**
   * Marks the client closed, cancels its calls on the wire (each reports the attempts it made) and
   * its pages requested ahead, and releases what it owns; later calls do nothing.
   */
  synchronized void close() {
    if (isClosed()) {
      return;
    }
    caller.inFlight().close();
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
