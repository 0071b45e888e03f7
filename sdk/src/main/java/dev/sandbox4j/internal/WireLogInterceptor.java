package dev.sandbox4j.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each HTTP exchange at debug level through SLF4J: method, URL, status and time. It never logs
 * headers or bodies, and the URL is shown without the paging token and with the client's secrets
 * masked, so credentials and sandbox tokens cannot reach a log.
 */
final class WireLogInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger("dev.sandbox4j.http");
  private static final String PAGING_TOKEN = "nextToken";

  private final Redactor redactor;

  WireLogInterceptor(Redactor redactor) {
    this.redactor = redactor;
  }

  private String shown(HttpUrl url) {
    HttpUrl safe =
        url.queryParameter(PAGING_TOKEN) == null
            ? url
            : url.newBuilder().setQueryParameter(PAGING_TOKEN, "[redacted]").build();
    return redactor.redact(safe.toString());
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!LOG.isDebugEnabled()) {
      return chain.proceed(request);
    }
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      LOG.debug(
          "{} {} -> {} in {} ms",
          request.method(),
          shown(request.url()),
          response.code(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      return response;
    } catch (IOException e) {
      LOG.debug(
          "{} {} -> {} after {} ms",
          request.method(),
          shown(request.url()),
          e.getClass().getSimpleName(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      throw e;
    }
  }
}
