package dev.sandbox4j.internal;

import com.google.gson.JsonObject;
import dev.sandbox4j.errors.SandboxException;
import dev.sandbox4j.internal.DataPlaneStatus.Route;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * How the SDK talks to one sandbox: where its daemon (port 49983) and code interpreter (port 49999)
 * are, which headers each kind of request carries, and the three call shapes (unary Connect RPC,
 * Connect server stream, plain HTTP), each run through the retry engine with the operation's rules.
 */
public final class SandboxTransport {
  public static final int ENVD_PORT = 49983;
  public static final int INTERPRETER_PORT = 49999;
  static final MediaType JSON = MediaType.get("application/json");
  static final MediaType CONNECT_JSON = MediaType.get("application/connect+json");
  private static final long ERROR_BODY_LIMIT = 64 * 1024;

  private final DataPlaneHttp http;
  private final String sandboxId;
  private final String envdVersion;
  private final String accessToken;
  private final String trafficAccessToken;
  private final HttpUrl envdBase;
  private final HttpUrl interpreterBase;
  private final boolean routed;
  private final Redaction redaction;
  private final ExceptionMapper mapper;

  public SandboxTransport(
      DataPlaneHttp http,
      String sandboxId,
      String domain,
      String envdVersion,
      String accessToken,
      String trafficAccessToken) {
    this.http = http;
    this.sandboxId = sandboxId;
    this.envdVersion = envdVersion;
    this.accessToken = accessToken;
    this.trafficAccessToken = trafficAccessToken;
    ClientOptions settings = http.settings();
    this.routed = settings.sandboxUrl().isPresent();
    this.envdBase = base(settings, ENVD_PORT, sandboxId, domain);
    this.interpreterBase = base(settings, INTERPRETER_PORT, sandboxId, domain);
    // The client's one registry and mapper: a token remembered here is masked in every message,
    // cause, log line and toString() of the client, control plane included.
    Secrets secrets = http.runtime().secrets();
    secrets.remember(accessToken);
    secrets.remember(trafficAccessToken);
    this.mapper = http.runtime().caller().mapper();
    this.redaction = new Redaction(mapper.redactor());
  }

  private static HttpUrl base(ClientOptions settings, int port, String sandboxId, String domain) {
    if (settings.sandboxUrl().isPresent()) {
      return settings.sandboxUrl().get();
    }
    if (settings.debug()) {
      return HttpUrl.get("http://localhost:" + port + "/");
    }
    return HttpUrl.get("https://" + port + "-" + sandboxId + "." + domain + "/");
  }

  public String sandboxId() {
    return sandboxId;
  }

  public String envdVersion() {
    return envdVersion;
  }

  /** Remembers a secret derived for this sandbox (a file signature), so that it is masked. */
  public void rememberSecret(String secret) {
    http.runtime().secrets().remember(secret);
  }

  /** The sandbox's access token, for signing file URLs; null when it has none. */
  public String accessTokenForSigning() {
    return accessToken;
  }

  public DataPlaneHttp http() {
    return http;
  }

  // ---- addresses and headers ----

  /** A URL on the daemon: the base URL's path, then {@code path} (no leading slash). */
  public HttpUrl.Builder envdUrl(String path) {
    return join(envdBase, path);
  }

  HttpUrl.Builder interpreterUrl(String path) {
    return join(interpreterBase, path);
  }

  private static HttpUrl.Builder join(HttpUrl base, String path) {
    HttpUrl.Builder url = base.newBuilder();
    String prefix =
        base.encodedPath().endsWith("/") ? base.encodedPath() : base.encodedPath() + "/";
    return url.encodedPath(prefix + path);
  }

  /** The name a call runs as: the given one, or {@code user} for daemons that have no default. */
  public String effectiveUser(String user) {
    if (user != null) {
      return user;
    }
    return EnvdVersion.atLeast(envdVersion, EnvdVersion.DEFAULT_USER) ? null : "user";
  }

  /** Headers of every Connect RPC: identity, routing, token, protocol version. */
  private Request.Builder rpcRequest(String method, String user) {
    Request.Builder request = new Request.Builder().url(envdUrl(method).build());
    for (Map.Entry<String, String> header : http.settings().headers().entrySet()) {
      request.header(header.getKey(), header.getValue());
    }
    identity(request);
    routing(request, ENVD_PORT);
    token(request);
    if (user != null) {
      String basic =
          Base64.getEncoder().encodeToString((user + ":").getBytes(StandardCharsets.UTF_8));
      request.header("Authorization", "Basic " + basic);
    }
    return request.header("Connect-Protocol-Version", "1");
  }

  /** Headers of the daemon's plain HTTP routes: no custom headers, as the official SDK. */
  Request.Builder envdHttpRequest(HttpUrl url) {
    Request.Builder request = new Request.Builder().url(url);
    request.header("User-Agent", SdkVersion.userAgent());
    routing(request, ENVD_PORT);
    token(request);
    return request;
  }

  private Request.Builder interpreterRequest(HttpUrl url) {
    Request.Builder request = new Request.Builder().url(url);
    for (Map.Entry<String, String> header : http.settings().headers().entrySet()) {
      request.header(header.getKey(), header.getValue());
    }
    identity(request);
    if (routed) {
      routing(request, INTERPRETER_PORT);
    }
    token(request);
    if (trafficAccessToken != null) {
      request.header("E2B-Traffic-Access-Token", trafficAccessToken);
    }
    return request;
  }

  private static void identity(Request.Builder request) {
    request.header("User-Agent", SdkVersion.userAgent());
    request.header("X-Novita-SDK-Name", "sdk_java");
    request.header("X-Novita-SDK-Version", SdkVersion.VERSION);
  }

  private void routing(Request.Builder request, int port) {
    request.header("Novita-Sandbox-Id", sandboxId);
    request.header("Novita-Sandbox-Port", Integer.toString(port));
  }

  private void token(Request.Builder request) {
    if (accessToken != null) {
      request.header("X-Access-Token", accessToken);
    }
  }

  // ---- call shapes ----

  /**
   * Calls a unary Connect method through the retry engine.
   *
   * @param operation what is done, with its retry rules
   * @param method e.g. {@code process.Process/List}
   * @param body the request message
   * @param user the Basic user, or null for none
   * @param route how errors are read
   * @param requestTimeout the per-attempt timeout, or null for the client's
   */
  public JsonObject unary(
      Operation operation,
      String method,
      JsonObject body,
      String user,
      Route route,
      Duration requestTimeout) {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    return call(
        operation,
        requestTimeout,
        null,
        true,
        context -> {
          Request request = rpcRequest(method, user).post(RequestBody.create(bytes, JSON)).build();
          Call call = timed(http.unary().newCall(request), context.timeout());
          return perform(
              call,
              () -> {
                try (Response response = call.execute()) {
                  if (response.code() != 200) {
                    throw rpcError(response, route);
                  }
                  return parseObject(boundedString(response));
                }
              });
        });
  }

  /**
   * Opens a Connect server stream. The request is retried only where {@code operation}'s rules
   * allow (a process start only when it surely never reached the daemon).
   *
   * @param timeout the stream's deadline, sent as {@code Connect-Timeout-Ms}; zero for none
   * @param timeoutHint what a deadline message should advise
   */
  public ConnectStream stream(
      Operation operation,
      String method,
      JsonObject body,
      String user,
      Route route,
      Duration timeout,
      Duration requestTimeout,
      String timeoutHint,
      CallScope scope) {
    byte[] envelope = ConnectEnvelope.encode(body.toString().getBytes(StandardCharsets.UTF_8));
    return call(
        operation,
        requestTimeout,
        scope,
        true,
        context -> {
          Request.Builder request =
              rpcRequest(method, user)
                  .header(
                      "Keepalive-Ping-Interval", Integer.toString(DataPlaneHttp.KEEPALIVE_SECONDS))
                  .post(RequestBody.create(envelope, CONNECT_JSON));
          if (!timeout.isZero()) {
            request.header(
                "Connect-Timeout-Ms", Long.toString(Math.min(timeout.toMillis(), 9_999_999_999L)));
          }
          Call call = http.streams().newCall(request.build());
          if (!timeout.isZero()) {
            // A client-side deadline behind the server's, in case the daemon never ends it.
            call.timeout().timeout(timeout.plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
          }
          if (scope != null) {
            scope.attach(call);
          }
          Response response = perform(call, call::execute);
          if (response.code() != 200) {
            try (response) {
              throw rpcError(response, route);
            }
          }
          MediaType type = response.body().contentType();
          if (type == null || !"connect+json".equals(type.subtype())) {
            response.close();
            throw new ConnectProtocolException(
                "the stream answered with content type " + type + ", not application/connect+json");
          }
          // Read later on another thread: close() and the stream's own close() end it.
          return new ConnectStream(
              call, inFlight().holdBody(call, response), route, timeoutHint, redaction);
        });
  }

  /**
   * Sends a small plain HTTP request (the client's timeouts, response closed after {@code reader})
   * through the retry engine; the common shape of the daemon's and the interpreter's routes.
   */
  public <T> T unaryHttp(
      Operation operation, Request request, Route route, ResponseReader<T> reader) {
    return unaryHttp(operation, request, route, null, true, reader);
  }

  /**
   * {@link #unaryHttp(Operation, Request, Route, ResponseReader)}, cancellable through {@code
   * scope}.
   *
   * @param retried false sends the request once: for a body that cannot be sent twice, or a probe
   *     whose failure is itself the answer
   */
  public <T> T unaryHttp(
      Operation operation,
      Request request,
      Route route,
      CallScope scope,
      boolean retried,
      ResponseReader<T> reader) {
    return exchange(
        operation, request, http.unary(), route, null, null, scope, false, retried, reader);
  }

  /**
   * Sends a plain HTTP request to the daemon or the interpreter through the retry engine and hands
   * the successful response to {@code reader}; the response is closed afterwards unless the reader
   * keeps it ({@code keepOpen}).
   */
  public <T> T exchange(
      Operation operation,
      Request request,
      OkHttpClient client,
      Route route,
      Duration requestTimeout,
      Duration wholeCallTimeout,
      CallScope scope,
      boolean keepOpen,
      boolean replayable,
      ResponseReader<T> reader) {
    return call(
        operation,
        requestTimeout,
        scope,
        replayable,
        context -> {
          Call call = client.newCall(request);
          if (wholeCallTimeout != null) {
            call.timeout().timeout(wholeCallTimeout.toMillis(), TimeUnit.MILLISECONDS);
          }
          if (scope != null) {
            scope.attach(call);
          }
          return perform(
              call,
              () -> {
                Response response = call.execute();
                boolean kept = false;
                try {
                  if (!response.isSuccessful()) {
                    throw plainError(response, route);
                  }
                  // A body the reader keeps (a download) stays cancellable until it is closed.
                  T result = reader.read(keepOpen ? inFlight().holdBody(call, response) : response);
                  kept = keepOpen;
                  return result;
                } finally {
                  if (!kept) {
                    response.close();
                  }
                }
              });
        });
  }

  /** Reads a successful response. */
  @FunctionalInterface
  public interface ResponseReader<T> {
    T read(Response response) throws IOException;
  }

  /** A request to the daemon's plain HTTP routes with the right headers. */
  public Request.Builder envdHttp(HttpUrl url) {
    return envdHttpRequest(url);
  }

  /** A request to the code interpreter with the right headers. */
  public Request.Builder interpreter(String path) {
    return interpreterRequest(interpreterUrl(path).build())
        .header("Content-Type", "application/json");
  }

  /** A request to the code interpreter at a prepared URL. */
  public Request.Builder interpreter(HttpUrl url) {
    return interpreterRequest(url);
  }

  public HttpUrl.Builder interpreterBaseUrl(String path) {
    return interpreterUrl(path);
  }

  /**
   * Runs attempts through the retry engine. A body that cannot be sent twice (a caller's stream)
   * gets no retry at all.
   */
  private <T> T call(
      Operation operation,
      Duration requestTimeout,
      CallScope scope,
      boolean replayable,
      RetryingCaller.Attempt<T> attempt) {
    http.runtime().ensureOpen();
    ClientOptions settings = http.settings();
    if (requestTimeout != null || !replayable) {
      ClientOptions.Builder changed = settings.toBuilder();
      if (requestTimeout != null) {
        changed.requestTimeout(requestTimeout);
      }
      if (!replayable) {
        changed.maxRetries(0);
      }
      settings = changed.build();
    }
    return http.runtime()
        .caller()
        .call(
            operation,
            sandboxId,
            settings,
            context -> {
              if (scope != null && scope.cancelled()) {
                throw new java.io.InterruptedIOException("the caller cancelled the call");
              }
              return attempt.run(context);
            });
  }

  private InFlightCalls inFlight() {
    return http.runtime().caller().inFlight();
  }

  /**
   * Performs an attempt's exchange tracked by the client, so that an interrupt of the waiting
   * thread or the client's close() cancels it on the wire.
   */
  private <T> T perform(Call call, InFlightCalls.Exchange<T, IOException> exchange)
      throws IOException {
    return inFlight().perform(call, exchange);
  }

  private static Call timed(Call call, Duration timeout) {
    if (!timeout.isZero()) {
      call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    return call;
  }

  private DataPlaneStatus rpcError(Response response, Route route) throws IOException {
    String body = response.peekBody(ERROR_BODY_LIMIT).string();
    return new DataPlaneStatus(
        response.code(),
        Redaction.connectCode(body),
        redaction.errorBody(body),
        route,
        response.headers().toMultimap(),
        null);
  }

  private DataPlaneStatus plainError(Response response, Route route) throws IOException {
    String body = response.peekBody(ERROR_BODY_LIMIT).string();
    return new DataPlaneStatus(
        response.code(),
        null,
        redaction.errorBody(body),
        route,
        response.headers().toMultimap(),
        null);
  }

  /** Maps a failure met outside the retry engine (while reading a stream) like any other. */
  public SandboxException mapFailure(Operation operation, Throwable failure) {
    if (failure instanceof SandboxException) {
      return (SandboxException) failure;
    }
    Failure classified =
        failure instanceof Exception ? Failure.classify((Exception) failure) : null;
    if (classified == null) {
      // Not a failure of the exchange (a bug, or a caller's callback): it surfaces as itself.
      if (failure instanceof RuntimeException) {
        throw (RuntimeException) failure;
      }
      if (failure instanceof Error) {
        throw (Error) failure;
      }
      throw new IllegalStateException(failure);
    }
    return mapper.map(operation, sandboxId, classified, 1);
  }

  /** A JSON answer is small; a bigger one is a broken server, refused before it fills memory. */
  public static String boundedString(Response response) throws IOException {
    okio.BufferedSource source = response.body().source();
    if (source.request(ConnectEnvelope.MAX_PAYLOAD_BYTES + 1L)) {
      throw new ConnectProtocolException(
          "the response is larger than " + ConnectEnvelope.MAX_PAYLOAD_BYTES + " bytes");
    }
    return source.readString(StandardCharsets.UTF_8);
  }

  /** Parses a JSON object body; anything else is a protocol error. */
  public static JsonObject parseObject(String body) {
    return StrictJson.parseObject(body, "the response");
  }

  @Override
  public String toString() {
    return "SandboxTransport{sandboxId=" + sandboxId + ", envd=" + envdBase + "}";
  }
}
