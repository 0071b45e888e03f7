package dev.sandbox4j.internal;

import java.time.Duration;
import okhttp3.Authenticator;
import okhttp3.OkHttpClient;

/**
 * Builds the OkHttpClient every request of a {@code SandboxClient} goes through, its own or
 * derived from one the user supplied (sharing that client's connection pool and threads).
 */
public final class HttpStack {
  private HttpStack() {}

  /**
   * Returns a client with sandbox4j's headers, body rules, logging and timeouts.
   *
   * <p>OkHttp's own retry on connection failures is off: it would silently replay a request
   * that may already have reached the server (a billed create, or a kill whose answer was lost,
   * which would then look like a 404). sandbox4j's retry engine sees every attempt instead, so
   * that attempt counts are exact and only the rules in {@link RetryPolicy} repeat a request.
   *
   * <p>Redirects are not followed: OkHttp would turn a redirected create into a GET, and the
   * API never redirects a correct request. The request timeout bounds each connect, read and
   * write; each attempt is also bounded as a whole by a call timeout set per call.
   *
   * @param settings the client's settings
   * @param base a user-supplied client to derive from, or null for a new one
   */
  public static OkHttpClient build(ClientSettings settings, OkHttpClient base) {
    OkHttpClient.Builder builder = base == null ? new OkHttpClient.Builder() : base.newBuilder();
    return withTimeouts(builder, settings.requestTimeout())
        .retryOnConnectionFailure(false)
        // An authenticator would resend a request after a 401, outside the retry rules.
        .authenticator(Authenticator.NONE)
        .followRedirects(false)
        .followSslRedirects(false)
        .addInterceptor(new RequestHeadersInterceptor(settings))
        .addInterceptor(new ResponseGuardInterceptor(settings.redactor()))
        .addInterceptor(new WireLogInterceptor())
        // Below OkHttp's own follow-ups, so that it never acts on Retry-After itself.
        .addNetworkInterceptor(new RetryAfterShield())
        .build();
  }

  /**
   * Returns a client that shares the given one's pool, threads and interceptors but bounds
   * each connect, read and write by another request timeout (for {@code withOptions}).
   */
  public static OkHttpClient withTimeouts(OkHttpClient client, ClientSettings settings) {
    return withTimeouts(client.newBuilder(), settings.requestTimeout()).build();
  }

  private static OkHttpClient.Builder withTimeouts(OkHttpClient.Builder builder, Duration timeout) {
    return builder.connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout);
  }
}
