package dev.sandbox4j.internal;

import java.time.Duration;
import java.util.List;
import okhttp3.Authenticator;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Builds the OkHttpClient every request of a {@code SandboxClient} goes through, its own or derived
 * from one the user supplied (sharing that client's connection pool and threads).
 */
final class HttpStack {
  private HttpStack() {}

  /**
   * Returns a client with sandbox4j's headers, body rules, logging and timeouts.
   *
   * <p>OkHttp's own retry on connection failures is off: it would silently replay a request that
   * may already have reached the server (a billed create, or a kill whose answer was lost, which
   * would then look like a 404). sandbox4j's retry engine sees every attempt instead, so that
   * attempt counts are exact and only the rules in {@link RetryPolicy} repeat a request.
   *
   * <p>Redirects are not followed: OkHttp would turn a redirected create into a GET, and the API
   * never redirects a correct request. The request timeout bounds each connect, read and write;
   * each attempt is also bounded as a whole by a call timeout set per call.
   *
   * @param options the client's options
   * @param base a user-supplied client to derive from, or null for a new one
   * @param redactor scrubs the client's secrets from error bodies and log lines
   */
  static OkHttpClient build(ClientOptions options, OkHttpClient base, Redactor redactor) {
    return build(options, base, applicationInterceptors(options, redactor));
  }

  /**
   * The SDK's application interceptors. Their order does not matter (a test runs every
   * permutation): each does one thing to the request or response, and {@link RetryAfter#find} reads
   * {@code Retry-After} under either of the names it can have on the way.
   */
  static List<Interceptor> applicationInterceptors(ClientOptions options) {
    return applicationInterceptors(options, options.redactor());
  }

  private static List<Interceptor> applicationInterceptors(
      ClientOptions options, Redactor redactor) {
    return List.of(
        new RequestHeadersInterceptor(options),
        new ResponseGuardInterceptor(redactor),
        new WireLogInterceptor(redactor),
        RetryAfter.restore());
  }

  /** Builds the stack with the given application interceptors, in this order. */
  static OkHttpClient build(
      ClientOptions options, OkHttpClient base, List<Interceptor> interceptors) {
    OkHttpClient.Builder builder = base == null ? new OkHttpClient.Builder() : base.newBuilder();
    withTimeouts(builder, options.requestTimeout())
        .retryOnConnectionFailure(false)
        // An authenticator would resend a request after a 401, outside the retry rules.
        .authenticator(Authenticator.NONE)
        .followRedirects(false)
        .followSslRedirects(false)
        // Below OkHttp's own follow-ups, so that it never acts on Retry-After itself.
        .addNetworkInterceptor(RetryAfter.shield());
    interceptors.forEach(builder::addInterceptor);
    return builder.build();
  }

  /**
   * Returns a client that shares the given one's pool, threads and interceptors but bounds each
   * connect, read and write by another request timeout (for {@code withOptions}).
   */
  static OkHttpClient withTimeouts(OkHttpClient client, ClientOptions options) {
    return withTimeouts(client.newBuilder(), options.requestTimeout()).build();
  }

  private static OkHttpClient.Builder withTimeouts(OkHttpClient.Builder builder, Duration timeout) {
    return builder.connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout);
  }
}
