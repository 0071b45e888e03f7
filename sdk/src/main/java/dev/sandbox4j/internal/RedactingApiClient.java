package dev.sandbox4j.internal;

import dev.sandbox4j.generated.ApiClient;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;

/**
 * The generated client handed out by {@code raw()}, with safe debugging: the generated {@code
 * setDebugging(true)} logs every header and body, which would print the API key and the sandboxes'
 * access tokens. This one logs headers only, hides the headers that carry credentials either way,
 * and masks the client's secrets in every line it logs (a server may echo them in any header).
 */
final class RedactingApiClient extends ApiClient {
  private static final List<String> CREDENTIAL_HEADERS =
      List.of(
          "X-API-Key",
          "Authorization",
          "Proxy-Authorization",
          "Cookie",
          "Set-Cookie",
          "WWW-Authenticate",
          "Proxy-Authenticate",
          "X-Access-Token");

  private final Secrets secrets;
  private HttpLoggingInterceptor logging;

  RedactingApiClient(OkHttpClient client, Secrets secrets) {
    super(client);
    this.secrets = secrets;
  }

  @Override
  public ApiClient setDebugging(boolean debugging) {
    if (debugging == isDebugging()) {
      return this;
    }
    OkHttpClient.Builder builder = getHttpClient().newBuilder();
    if (debugging) {
      logging =
          new HttpLoggingInterceptor(
              line -> HttpLoggingInterceptor.Logger.DEFAULT.log(secrets.redact(line)));
      logging.setLevel(HttpLoggingInterceptor.Level.HEADERS);
      CREDENTIAL_HEADERS.forEach(logging::redactHeader);
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
