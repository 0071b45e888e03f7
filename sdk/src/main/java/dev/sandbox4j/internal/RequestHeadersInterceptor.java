package dev.sandbox4j.internal;

import java.io.IOException;
import java.util.Map;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Puts the credential and identity headers on every request, including those made through {@code
 * raw()}.
 *
 * <p>The user's extra headers go first so that they can add anything, but the credentials and the
 * SDK identity are laid on top: a stray header map can never replace the key or pretend to be
 * another client. Credentials are set here rather than through the generated client's
 * authentication objects, which would decide per operation which scheme to apply.
 */
final class RequestHeadersInterceptor implements Interceptor {
  private final ClientOptions options;

  RequestHeadersInterceptor(ClientOptions options) {
    this.options = options;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request.Builder request = chain.request().newBuilder();
    for (Map.Entry<String, String> header : options.headers().entrySet()) {
      request.header(header.getKey(), header.getValue());
    }
    options.apiKey().ifPresent(key -> request.header("X-API-Key", key));
    options.accessToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
    request.header("User-Agent", SdkVersion.userAgent());
    request.header("X-Novita-SDK-Name", "sdk_java");
    request.header("X-Novita-SDK-Version", SdkVersion.VERSION);
    return chain.proceed(request.build());
  }
}
