package dev.sandbox4j.internal;

import dev.sandbox4j.CreateSandboxParams;
import dev.sandbox4j.SandboxInfo;
import dev.sandbox4j.SandboxListQuery;
import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.generated.ApiClient;
import dev.sandbox4j.generated.ApiException;
import dev.sandbox4j.generated.ApiResponse;
import dev.sandbox4j.generated.api.SandboxesApi;
import dev.sandbox4j.generated.model.AutoResume;
import dev.sandbox4j.generated.model.ConnectSandbox;
import dev.sandbox4j.generated.model.NewSandbox;
import dev.sandbox4j.generated.model.Sandbox;
import dev.sandbox4j.generated.model.SandboxState;
import dev.sandbox4j.generated.model.SandboxTimeoutUpdate;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import okhttp3.Call;
import okhttp3.Response;

/**
 * The control plane's operations, and the one place where they meet the generated client: each
 * takes and returns public types (or plain values), builds the generated request, runs it through
 * the retry engine with the attempt's timeout, translates the answer, and interprets the statuses
 * that are answers rather than errors (kill 404, pause 409, connect 200/201).
 */
public final class SandboxCalls {
  private final ApiClient apiClient;
  private final SandboxesApi api;
  private final ClientRuntime runtime;
  private final ClientOptions options;

  SandboxCalls(ApiClient apiClient, ClientRuntime runtime, ClientOptions options) {
    this.apiClient = apiClient;
    this.api = new SandboxesApi(apiClient);
    this.runtime = runtime;
    this.options = options;
    StrictGeneratedJson.install();
  }

  /** Runs one operation through the retry engine, unless the client is closed. */
  private <T> T call(Operation operation, String sandboxId, RetryingCaller.Attempt<T> attempt) {
    runtime.ensureOpen();
    return runtime.caller().call(operation, sandboxId, options, attempt);
  }

  /** One page of a listing. */
  public static final class Page {
    private final List<SandboxInfo> items;
    private final String nextToken;
    private final int attempts;

    Page(List<SandboxInfo> items, String nextToken, int attempts) {
      this.items = items;
      this.nextToken = nextToken;
      this.attempts = attempts;
    }

    /** How many attempts fetching this page took, counting the first. */
    public int attempts() {
      return attempts;
    }

    public List<SandboxInfo> items() {
      return items;
    }

    /** The cursor of the next page, or null on the last page. */
    public String nextToken() {
      return nextToken;
    }
  }

  /** A sandbox returned by create or connect: what a {@code Sandbox} handle is made of. */
  public static final class Started {
    private final Sandbox wire;
    private final String domain;
    private final boolean resumed;

    Started(Sandbox wire, String domain, boolean resumed) {
      this.wire = wire;
      this.domain = domain;
      this.resumed = resumed;
    }

    public String sandboxId() {
      return wire.getSandboxID();
    }

    public String templateId() {
      return wire.getTemplateID();
    }

    /** The domain the API answered with, else the client's configured one. */
    public String domain() {
      return domain;
    }

    public String envdVersion() {
      return wire.getEnvdVersion();
    }

    public String envdAccessToken() {
      return wire.getEnvdAccessToken();
    }

    public String trafficAccessToken() {
      return wire.getTrafficAccessToken();
    }

    /** Whether a connect resumed a paused sandbox (the API answered 201). */
    public boolean resumed() {
      return resumed;
    }
  }

  private Started started(ApiResponse<Sandbox> response, boolean connect) throws BadServerData {
    Sandbox wire = requireBody(response);
    // Remembered before anything else can quote them: later errors may echo these tokens.
    runtime.secrets().remember(wire.getEnvdAccessToken());
    runtime.secrets().remember(wire.getTrafficAccessToken());
    String domain =
        wire.getDomain() == null || wire.getDomain().isBlank()
            ? options.domain()
            : wire.getDomain();
    return new Started(wire, domain, connect && response.getStatusCode() == 201);
  }

  /** Fetches one page of a listing, starting at the given cursor (null for the first). */
  public Page list(SandboxListQuery query, String nextToken) {
    return list(query, nextToken, null, null);
  }

  /**
   * Fetches one page, pipelined: {@code early}, when not null, is this page requested ahead and
   * serves as its first attempt; {@code onNextToken}, when not null, hears the next page's cursor
   * as soon as a success's headers arrive, before the body is read.
   */
  public Page list(
      SandboxListQuery query, String nextToken, EarlyPage early, Consumer<String> onNextToken) {
    CallFactory request = listRequest(query, nextToken);
    return call(
        Operation.LIST,
        null,
        ctx ->
            executeReading(
                request,
                ctx.number() == 1 ? early : null,
                (response, body) -> {
                  String next = nextToken(response.headers("X-Next-Token"));
                  if (onNextToken != null) {
                    onNextToken.accept(next);
                  }
                  return new Page(SandboxInfoReader.readPage(body), next, ctx.number());
                },
                ctx));
  }

  /**
   * Requests a page ahead of need, or returns null when the client is closed or the request cannot
   * be built (the page is then fetched, and any error reported, when it is reached).
   */
  public EarlyPage sendEarly(SandboxListQuery query, String nextToken) {
    try {
      runtime.ensureOpen();
      EarlyPage page = new EarlyPage(nextToken, listRequest(query, nextToken).build(), runtime);
      page.send();
      return page;
    } catch (RuntimeException notSent) { // the generated ApiException included
      return null;
    }
  }

  private CallFactory listRequest(SandboxListQuery query, String nextToken) {
    String metadata = query.metadata().isEmpty() ? null : MetadataFilter.encode(query.metadata());
    List<SandboxState> states =
        query.states().isEmpty()
            ? null
            : query.states().stream()
                .map(state -> SandboxState.fromValue(state.wireValue()))
                .collect(Collectors.toUnmodifiableList());
    Integer limit = query.limit().isPresent() ? query.limit().getAsInt() : null;
    return () -> api.listSandboxesCall(metadata, states, limit, nextToken, null);
  }

  /** Creates a sandbox; never repeated once the server may have acted. */
  public Started create(CreateSandboxParams params) {
    NewSandbox body =
        new NewSandbox()
            .templateID(params.template())
            .timeout(WireDurations.lifetimeSeconds(params.timeout(), "timeout"))
            .secure(params.secure())
            .allowInternetAccess(params.allowInternetAccess())
            .autoPause(params.autoPause());
    if (!params.metadata().isEmpty()) {
      body.metadata(new LinkedHashMap<>(params.metadata()));
    }
    if (!params.envs().isEmpty()) {
      body.envVars(new LinkedHashMap<>(params.envs()));
    }
    if (params.autoPause() && params.autoResume()) {
      body.autoResume(new AutoResume().enabled(true));
    }
    return call(
        Operation.CREATE,
        null,
        ctx ->
            started(execute(() -> api.createSandboxCall(body, null), Sandbox.class, ctx), false));
  }

  /** Connects to a sandbox, resuming it if paused, with a lifetime in whole seconds. */
  public Started connect(String sandboxId, int timeoutSeconds) {
    ConnectSandbox body = new ConnectSandbox().timeout(timeoutSeconds);
    return call(
        Operation.CONNECT,
        sandboxId,
        ctx ->
            started(
                execute(() -> api.connectSandboxCall(sandboxId, body, null), Sandbox.class, ctx),
                true));
  }

  public SandboxInfo getInfo(String sandboxId) {
    return call(
        Operation.GET_INFO,
        sandboxId,
        ctx ->
            executeReading(
                () -> api.getSandboxCall(sandboxId, null),
                null,
                (response, body) -> SandboxInfoReader.readDetail(body),
                ctx));
  }

  /**
   * Kills a sandbox: true when this call killed it, false when it did not exist. When an earlier
   * attempt may have reached the server, a 404 on the retry means that attempt killed it.
   */
  public boolean kill(String sandboxId) {
    return call(
        Operation.KILL,
        sandboxId,
        ctx -> {
          try {
            execute(() -> api.killSandboxCall(sandboxId, null), null, ctx);
            return true;
          } catch (ApiException e) {
            if (e.getCode() == 404) {
              return ctx.earlierAttemptMayHaveActed();
            }
            throw e;
          }
        });
  }

  public void setTimeout(String sandboxId, int timeoutSeconds) {
    SandboxTimeoutUpdate body = new SandboxTimeoutUpdate().timeout(timeoutSeconds);
    call(
        Operation.SET_TIMEOUT,
        sandboxId,
        ctx -> execute(() -> api.setSandboxTimeoutCall(sandboxId, body, null), null, ctx));
  }

  /**
   * Pauses a sandbox: true when this call paused it, false when it was already paused (409). When
   * an earlier attempt may have reached the server, a 409 on the retry means that attempt paused
   * it.
   */
  public boolean pause(String sandboxId) {
    return call(
        Operation.PAUSE,
        sandboxId,
        ctx -> {
          try {
            execute(() -> api.pauseSandboxCall(sandboxId, null), null, ctx);
            return true;
          } catch (ApiException e) {
            if (e.getCode() == 409) {
              return ctx.earlierAttemptMayHaveActed();
            }
            throw e;
          }
        });
  }

  /** Builds one generated call; building happens before anything is sent. */
  @FunctionalInterface
  private interface CallFactory {
    Call build() throws ApiException;
  }

  private <T> ApiResponse<T> execute(
      CallFactory factory, Type type, RetryingCaller.AttemptContext ctx)
      throws ApiException, BadServerData {
    Call call = prepare(factory, ctx);
    try {
      return runtime.caller().inFlight().perform(call, () -> apiClient.<T>execute(call, type));
    } catch (ApiException failedExchange) {
      throw failedExchange; // an error status, or an I/O failure: classified by the engine
    } catch (RuntimeException unreadable) {
      // Thrown by the generated models or their JSON parser while reading a success body.
      throw BadServerData.unreadable(unreadable);
    }
  }

  /** Reads a success body as it streams in; see {@link #executeReading}. */
  @FunctionalInterface
  private interface SuccessReader<T> {
    T read(Response response, Reader body) throws IOException, BadServerData;
  }

  /**
   * Runs a call whose success body {@link SandboxInfoReader} reads in one pass, or takes the answer
   * of the same request sent early. Errors, and success bodies that are not JSON, surface exactly
   * as the generated client reports them.
   */
  private <T> T executeReading(
      CallFactory factory,
      EarlyPage early,
      SuccessReader<T> reader,
      RetryingCaller.AttemptContext ctx)
      throws Exception { // an ApiException or BadServerData, as the engine classifies them
    Call call = early == null ? prepare(factory, ctx) : early.call();
    if (early != null) {
      ctx.sending(early.url());
    }
    // Tracked like every attempt, so that an interrupt or close() also cuts the body's reading.
    return runtime
        .caller()
        .inFlight()
        .perform(
            call,
            () -> {
              try (Response response =
                  early == null ? call.execute() : early.await(ctx.timeout())) {
                return readAnswer(response, reader);
              } catch (IOException e) {
                throw new ApiException(e);
              }
            });
  }

  private <T> T readAnswer(Response response, SuccessReader<T> reader)
      throws IOException, ApiException, BadServerData {
    try {
      if (!response.isSuccessful()) {
        apiClient.handleResponse(response, null); // throws, with the (bounded) error body
      }
      String contentType = response.header("Content-Type");
      if (contentType != null && !apiClient.isJsonMime(contentType)) {
        throw new ApiException(
            "Content type \"" + contentType + "\" is not supported",
            response.code(),
            response.headers().toMultimap(),
            null);
      }
      return reader.read(
          response, new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8));
    } catch (ApiException | BadServerData | IOException failed) {
      throw failed;
    } catch (RuntimeException unreadable) {
      throw BadServerData.unreadable(unreadable); // the JSON reader's own state errors
    }
  }

  /** Builds the attempt's call, with its timeout; nothing is sent yet. */
  private Call prepare(CallFactory factory, RetryingCaller.AttemptContext ctx) {
    try {
      // Checked on every attempt, so that a retry loop stops once the client is closed.
      runtime.ensureOpen();
    } catch (SandboxConfigurationException closed) {
      throw new RefusedBeforeSending(closed);
    }
    Call call;
    try {
      call = factory.build();
    } catch (RuntimeException e) { // the generated ApiException included
      // Nothing was sent: a request that cannot be built is a bad argument, never "may have acted".
      throw new RefusedBeforeSending(
          new SandboxConfigurationException(
              "the request could not be built: " + e.getClass().getSimpleName()));
    }
    call.timeout().timeout(ctx.timeout().toNanos(), TimeUnit.NANOSECONDS);
    ctx.sending(call.request().url());
    return call;
  }

  /** The first non-empty {@code X-Next-Token}; empty values count as absent. */
  private static String nextToken(List<String> values) {
    for (String value : values) {
      if (!value.isEmpty()) {
        return value;
      }
    }
    return null;
  }

  /** Rejects a success without a body; the retry engine maps this to a protocol error. */
  private static <T> T requireBody(ApiResponse<T> response) throws BadServerData {
    if (response.getData() == null) {
      throw BadServerData.of("HTTP " + response.getStatusCode() + " without a body");
    }
    return response.getData();
  }
}
