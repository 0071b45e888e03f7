package dev.sandbox4j.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * A list page requested ahead of need (pipelining): sent as soon as the previous page's cursor
 * arrived, its answer waits, headers read and body unread, until the caller reaches that page. Then
 * it stands in for the page's first attempt, so its failure is reported, and retried, only there.
 * OkHttp's dispatcher thread is used only while the request is in flight; nothing waits on a thread
 * afterwards. Cancelling closes whatever arrived.
 */
public final class EarlyPage implements Callback {
  private final String token;
  private final Call call;
  private final ClientRuntime runtime;
  private final CompletableFuture<Response> answer = new CompletableFuture<>();

  EarlyPage(String token, Call call, ClientRuntime runtime) {
    this.token = token;
    this.call = call;
    this.runtime = runtime;
  }

  /** Sends the request; the client's close cancels it. */
  void send() {
    runtime.track(this);
    call.enqueue(this);
  }

  /** The request's call, tracked while the caller waits on it and reads its answer. */
  Call call() {
    return call;
  }

  /** Where the request went, for messages. */
  HttpUrl url() {
    return call.request().url();
  }

  /** The cursor this page was requested with. */
  public String token() {
    return token;
  }

  /** Cancels the request, or closes its answer if it already came; idempotent. */
  public void cancel() {
    runtime.untrack(this);
    call.cancel();
    if (!answer.completeExceptionally(new IOException("Canceled"))
        && !answer.isCompletedExceptionally()) {
      answer.join().close(); // it had arrived: release its connection
    }
  }

  @Override
  public void onResponse(Call call, Response response) {
    if (!answer.complete(response)) {
      response.close(); // cancelled meanwhile
    }
  }

  @Override
  public void onFailure(Call call, IOException e) {
    answer.completeExceptionally(e);
  }

  /**
   * Waits for the answer's headers, at most {@code timeout} (zero: no limit beyond OkHttp's own
   * read timeouts); the caller reads and closes the body.
   */
  Response await(Duration timeout) throws IOException {
    try {
      return timeout.isZero() ? answer.get() : answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      cancel();
      throw new SocketTimeoutException("timeout");
    } catch (InterruptedException e) {
      cancel();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException ? (IOException) cause : new IOException(cause);
    } finally {
      runtime.untrack(this);
    }
  }
}
