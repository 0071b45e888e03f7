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
 * Bounds the memory a response can take: an error body is cut to its first {@value
 * #ERROR_BODY_LIMIT} bytes (only a snippet of it is ever shown), and a success body larger than
 * {@value #SUCCESS_BODY_LIMIT} bytes fails with {@link ResponseTooLargeException}. A full page of
 * 100 sandboxes is far below that limit.
 */
public final class ResponseLimitInterceptor implements Interceptor {
  static final long ERROR_BODY_LIMIT = 64 * 1024;
  static final long SUCCESS_BODY_LIMIT = 16L * 1024 * 1024;

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
      return response.newBuilder().body(response.peekBody(ERROR_BODY_LIMIT)).build();
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
