package dev.sandbox4j.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Applies the SDK's retry rules ({@link RetryPolicy}) to requests made through {@code raw()},
 * where there is no SDK operation around the call. A POST to {@code /sandboxes} is a create and
 * is retried only when the server surely did not act; every other API request is safe to
 * repeat. The last response or I/O failure is handed back unchanged.
 */
public final class RetryInterceptor implements Interceptor {
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final int maxRetries;
  private final BooleanSupplier closed;

  public RetryInterceptor(
      RetryPolicy policy, Sleeper sleeper, int maxRetries, BooleanSupplier closed) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.maxRetries = maxRetries;
    this.closed = closed;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Operation operation = operationOf(request);
    for (int attempt = 1; ; attempt++) {
      if (closed.getAsBoolean()) {
        throw new IOException("this SandboxClient is closed");
      }
      Response response = null;
      IOException error = null;
      Failure failure;
      try {
        response = chain.proceed(request);
        if (response.isSuccessful()) {
          return response;
        }
        failure = Failure.ofStatus(response.code(), response.headers().toMultimap());
      } catch (IOException e) {
        error = e;
        failure = Failure.of(e);
      }
      Optional<Duration> delay =
          attempt <= maxRetries && policy.isRetryable(operation, failure)
              ? policy.delayBefore(attempt, failure)
              : Optional.empty();
      if (delay.isEmpty() || chain.call().isCanceled()) {
        if (error != null) {
          throw error;
        }
        return response;
      }
      if (response != null) {
        response.close();
      }
      try {
        sleeper.sleep(delay.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted =
            new InterruptedIOException("interrupted while waiting to retry");
        if (error != null) {
          interrupted.addSuppressed(error);
        }
        throw interrupted;
      }
    }
  }

  /** Tells a create (billed, not safe to repeat) from the other operations. */
  static Operation operationOf(Request request) {
    boolean create =
        request.method().equals("POST") && request.url().encodedPath().endsWith("/sandboxes");
    return create ? Operation.CREATE : Operation.RAW_OTHER;
  }
}
