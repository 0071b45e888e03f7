package dev.sandbox4j.internal;

import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.generated.ApiClient;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * The internals behind one {@code SandboxClient} or {@code withOptions} view, and the one place
 * where they are wired together: options, HTTP stack, retry engine, operations. The public classes
 * hold one of these and never see a generated type.
 */
public final class ClientCore {
  private final ClientOptions options;
  private final OkHttpClient http;
  private final ClientRuntime runtime;
  private final SandboxCalls calls;
  private volatile DataPlaneHttp dataPlane;

  private ClientCore(ClientOptions options, OkHttpClient http, ClientRuntime runtime) {
    this.options = options;
    this.http = http;
    this.runtime = runtime;
    ApiClient apiClient = new ApiClient(http);
    apiClient.setBasePath(options.basePath());
    this.calls = new SandboxCalls(apiClient, runtime, options);
  }

  /**
   * Wires a new client.
   *
   * @param options the resolved options
   * @param userHttp an OkHttpClient to derive from (never closed by the SDK), or null
   * @param userExecutor an executor for async calls (never shut down by the SDK), or null
   * @param sleeper waits between retries
   * @param clock budgets calls and reads HTTP dates
   * @param jitter the share of the backoff jitter to take, in [0, 1)
   */
  public static ClientCore create(
      ClientOptions options,
      OkHttpClient userHttp,
      Executor userExecutor,
      Sleeper sleeper,
      Clock clock,
      DoubleSupplier jitter) {
    Redactor redactor = options.redactor();
    OkHttpClient http = HttpStack.build(options, userHttp, redactor);
    RetryAfter retryAfter = new RetryAfter(clock);
    RetryPolicy policy = new RetryPolicy(retryAfter, jitter, clock);
    RetryingCaller caller =
        new RetryingCaller(policy, new ExceptionMapper(redactor, retryAfter), sleeper, clock);
    AsyncExecutor executor =
        userExecutor == null ? AsyncExecutor.owned() : AsyncExecutor.borrowed(userExecutor);
    return new ClientCore(
        options,
        http,
        new ClientRuntime(caller, executor, userHttp == null ? http : null, redactor.secrets()));
  }

  /** Returns a view with other options that shares this one's connections, engine and state. */
  public ClientCore withOptions(ClientOptions changed) {
    return new ClientCore(changed, HttpStack.withTimeouts(http, changed), runtime);
  }

  public ClientOptions options() {
    return options;
  }

  public SandboxCalls calls() {
    return calls;
  }

  /**
   * The secrets this client has seen, shared by its views. A feature that receives a secret (a
   * sandbox token, a file signature) remembers it here, and it is scrubbed from every message,
   * cause, log line and {@code toString()} of the client from then on.
   */
  public Secrets secrets() {
    return runtime.secrets();
  }

  /**
   * Returns a generated client for {@code raw()}: this client's HTTP stack plus the retry engine as
   * an interceptor, and logging that never shows credentials.
   *
   * @throws SandboxConfigurationException when the client is closed
   */
  public ApiClient rawApiClient() {
    runtime.ensureOpen();
    OkHttpClient retrying =
        http.newBuilder()
            .addInterceptor(runtime.caller().rawInterceptor(options, runtime::isClosed))
            .build();
    ApiClient apiClient = new RedactingApiClient(retrying, runtime.secrets());
    apiClient.setBasePath(options.basePath());
    return apiClient;
  }

  /**
   * Runs an operation on the async executor. Every async call goes through here, so misuse has one
   * rule: whatever the operation throws, bad arguments included, and a closed client's refusal,
   * completes the future exceptionally; nothing is thrown to the caller.
   */
  public <T> CompletableFuture<T> supplyAsync(Supplier<T> operation) {
    try {
      return CompletableFuture.supplyAsync(operation, runtime.asyncExecutor().executor());
    } catch (RejectedExecutionException closed) {
      return CompletableFuture.failedFuture(ClientRuntime.closedException());
    }
  }

  /** The HTTP clients for traffic into this client's sandboxes, made on first use. */
  public DataPlaneHttp dataPlane() {
    DataPlaneHttp current = dataPlane;
    if (current == null) {
      synchronized (this) {
        current = dataPlane;
        if (current == null) {
          current = new DataPlaneHttp(http, options, runtime);
          dataPlane = current;
        }
      }
    }
    return current;
  }

  /** Closes the shared runtime; later calls through any view fail without sending. */
  public void close() {
    runtime.close();
  }
}
