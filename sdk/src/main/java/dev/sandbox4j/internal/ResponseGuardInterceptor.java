package dev.sandbox4j.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * Guards what a response can do to the client. It bounds memory: an error body is cut to its first
 * {@value #ERROR_BODY_LIMIT} bytes (only a snippet of it is ever shown), and a success body larger
 * than {@value #SUCCESS_BODY_LIMIT} bytes fails with {@link ResponseTooLargeException} (a full page
 * of 100 sandboxes is far below that). And it scrubs the client's credentials from error bodies,
 * which end up in exception messages, in case a server or proxy echoes them.
 */
final class ResponseGuardInterceptor implements Interceptor {
  static final long ERROR_BODY_LIMIT = 64 * 1024;
  static final long SUCCESS_BODY_LIMIT = 16L * 1024 * 1024;

  private final Redactor redactor;

  ResponseGuardInterceptor(Redactor redactor) {
    this.redactor = redactor;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    if (response.isSuccessful()) {
      ResponseBody limited =
          ResponseBody.create(
              Okio.buffer(new LimitedSource(body.source(), SUCCESS_BODY_LIMIT)),
              body.contentType(),
              body.contentLength());
      return response.newBuilder().body(limited).build();
    }
    try {
      ResponseBody head = response.peekBody(ERROR_BODY_LIMIT);
      String text = redactor.redact(head.string());
      return response.newBuilder().body(ResponseBody.create(text, head.contentType())).build();
    } catch (IOException unreadableBody) {
      // The status arrived, and it decides (a 503 stays retryable): the body is only a detail.
      return response.newBuilder().body(ResponseBody.create("", body.contentType())).build();
    } finally {
      response.close();
    }
  }

  private static final class LimitedSource extends ForwardingSource {
    private final long limit;
    private long read;

    LimitedSource(Source delegate, long limit) {
      super(delegate);
      this.limit = limit;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long count = super.read(sink, byteCount);
      if (count > 0) {
        read += count;
        if (read > limit) {
          throw new ResponseTooLargeException(limit);
        }
      }
      return count;
    }
  }
}
