package dev.sandbox4j.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * The HTTP clients a {@code SandboxClient}'s sandboxes share for traffic into sandboxes, derived
 * from the control-plane client so that they share its connection pool.
 *
 * <p>Two of the control plane's interceptors are left out: the one that adds the API key (a sandbox
 * must never see it; the data plane sets its own headers per request) and the one that caps success
 * bodies at 16 MiB (file downloads are streamed, of any size). Streams get a read timeout longer
 * than two keepalive intervals, since a quiet command sends nothing else; and calls run with {@code
 * execute()} on the SDK's own threads, so OkHttp's limit of five queued calls per host never delays
 * a sixth stream.
 */
public final class DataPlaneHttp {
  /** Seconds of silence after which the daemon is asked to send a keepalive. */
  public static final int KEEPALIVE_SECONDS = 50;

  /** A stream read that waits longer than this has lost its keepalives: the peer is gone. */
  static final Duration STREAM_READ_TIMEOUT = Duration.ofSeconds(2L * KEEPALIVE_SECONDS + 20);

  private final ClientOptions settings;
  private final ClientRuntime runtime;
  private final OkHttpClient unary;
  private final OkHttpClient streams;
  private final OkHttpClient untimedReads;

  DataPlaneHttp(OkHttpClient controlPlane, ClientOptions settings, ClientRuntime runtime) {
    this.settings = settings;
    this.runtime = runtime;
    OkHttpClient.Builder builder = controlPlane.newBuilder();
    builder
        .interceptors()
        .removeIf(
            i -> i instanceof RequestHeadersInterceptor || i instanceof ResponseGuardInterceptor);
    this.unary = builder.build();
    Duration read =
        settings.requestTimeout().isZero()
                || settings.requestTimeout().compareTo(STREAM_READ_TIMEOUT) > 0
            ? settings.requestTimeout()
            : STREAM_READ_TIMEOUT;
    this.streams = unary.newBuilder().readTimeout(read.toMillis(), TimeUnit.MILLISECONDS).build();
    this.untimedReads = unary.newBuilder().readTimeout(0, TimeUnit.MILLISECONDS).build();
  }

  public ClientOptions settings() {
    return settings;
  }

  ClientRuntime runtime() {
    return runtime;
  }

  /**
   * Runs work on the client's async executor and returns a future whose {@code cancel} also cancels
   * the HTTP call serving it (through the {@link CallScope} the work receives). A closed client's
   * refusal completes the future exceptionally, as every async call does.
   */
  public <T> CompletableFuture<T> cancellableAsync(Function<CallScope, T> work) {
    CallScope scope = new CallScope();
    CompletableFuture<T> future =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            scope.cancel();
            return super.cancel(mayInterruptIfRunning);
          }
        };
    try {
      runtime
          .asyncExecutor()
          .executor()
          .execute(
              () -> {
                try {
                  future.complete(work.apply(scope));
                } catch (Throwable e) {
                  future.completeExceptionally(e);
                }
              });
    } catch (RejectedExecutionException closed) {
      future.completeExceptionally(ClientRuntime.closedException());
    }
    return future;
  }

  /** For unary RPCs and file transfers: each read bounded by the request timeout. */
  public OkHttpClient unaryClient() {
    return unary;
  }

  OkHttpClient unary() {
    return unary;
  }

  /** For Connect streams, which keepalives keep from going quiet. */
  OkHttpClient streams() {
    return streams;
  }

  /**
   * For code execution, which an older interpreter keeps silent for as long as the code runs: only
   * the execution timeout bounds it.
   */
  public OkHttpClient untimedReads() {
    return untimedReads;
  }
}
