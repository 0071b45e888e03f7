package dev.sandbox4j.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Hides {@code Retry-After} from OkHttp, which would otherwise silently resend a request (a
 * billed create included) after a 503 with {@code Retry-After: 0}, inside one SDK attempt. As a
 * network interceptor it sits below OkHttp's follow-up logic; the header moves to {@link
 * #HEADER}, where sandbox4j's retry rules read it ({@link Failure#retryAfter()}).
 */
public final class RetryAfterShield implements Interceptor {
  /** Where the server's {@code Retry-After} value is kept. */
  public static final String HEADER = "X-Sandbox4j-Retry-After";

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    String retryAfter = response.header("Retry-After");
    if (retryAfter == null || response.isSuccessful()) {
      return response;
    }
    return response.newBuilder().removeHeader("Retry-After").header(HEADER, retryAfter).build();
  }
}
