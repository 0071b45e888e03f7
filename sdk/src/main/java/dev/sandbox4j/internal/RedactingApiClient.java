package dev.sandbox4j.internal;

import dev.sandbox4j.generated.ApiClient;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;

/**
 * The generated client handed out by {@code raw()}, with safe debugging: the generated {@code
 * setDebugging(true)} logs every header and body, which would print the API key and the
 * sandboxes' access tokens. This one logs headers only, with the credential headers redacted.
 */
final class RedactingApiClient extends ApiClient {
  private HttpLoggingInterceptor logging;

  RedactingApiClient(OkHttpClient client) {
    super(client);
  }

  @Override
  public ApiClient setDebugging(boolean debugging) {
    if (debugging == isDebugging()) {
      return this;
    }
    OkHttpClient.Builder builder = getHttpClient().newBuilder();
    if (debugging) {
      logging = new HttpLoggingInterceptor();
      logging.setLevel(HttpLoggingInterceptor.Level.HEADERS);
      logging.redactHeader("X-API-Key");
      logging.redactHeader("Authorization");
      builder.addInterceptor(logging);
    } else {
      builder.interceptors().remove(logging);
      logging = null;
    }
    setHttpClient(builder.build());
    return this;
  }

  @Override
  public boolean isDebugging() {
    return logging != null;
  }
}
