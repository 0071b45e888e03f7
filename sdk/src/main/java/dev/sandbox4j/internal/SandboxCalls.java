package dev.sandbox4j.internal;

import dev.sandbox4j.SandboxInfo;
import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.generated.ApiClient;
import dev.sandbox4j.generated.ApiException;
import dev.sandbox4j.generated.ApiResponse;
import dev.sandbox4j.generated.api.SandboxesApi;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Response;

/**
 * The API operations as the SDK uses them: each one builds the generated call, applies the
 * attempt's timeout, runs it through the retry engine, and interprets the statuses that are
 * answers rather than errors (kill 404, pause 409, connect 200/201).
 */
public final class SandboxCalls {
  private final ApiClient apiClient;
  private final SandboxesApi api;
  private final ClientRuntime runtime;
  private final ClientSettings settings;

  public SandboxCalls(ApiClient apiClient, ClientRuntime runtime, ClientSettings settings) {
    this.apiClient = apiClient;
    this.api = new SandboxesApi(apiClient);
    this.runtime = runtime;
    this.settings = settings;
    StrictGeneratedJson.install();
  }

  /** Runs one operation through the retry engine, unless the client is closed. */
  private <T> T call(Operation operation, String sandboxId, RetryingCaller.Attempt<T> attempt) {
    runtime.ensureOpen();
    return runtime.caller().call(operation, sandboxId, settings, attempt);
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

  /** A sandbox returned by create or connect, and the status it came with. */
  public static final class Started {
    private final Sandbox sandbox;
    private final int status;

    Started(Sandbox sandbox, int status) {
      this.sandbox = sandbox;
      this.status = status;
    }

    public Sandbox sandbox() {
      return sandbox;
    }

    public int status() {
      return status;
    }
  }

  /** Fetches one page; {@code metadata} is the already-joined filter string, or null. */
  public Page list(String metadata, List<SandboxState> states, Integer limit, String nextToken) {
    return list(metadata, states, limit, nextToken, null, null);
  }

  /**
   * Fetches one page, pipelined: {@code early}, when not null, is this page requested ahead and
   * serves as its first attempt; {@code onNextToken}, when not null, hears the next page's
   * cursor as soon as a success's headers arrive, before the body is read.
   */
  public Page list(
      String metadata,
      List<SandboxState> states,
      Integer limit,
      String nextToken,
      EarlyPage early,
      Consumer<String> onNextToken) {
    List<SandboxState> stateFilter = states == null || states.isEmpty() ? null : states;
    return call(
        Operation.LIST,
        null,
        ctx ->
            executeReading(
                () -> api.listSandboxesCall(metadata, stateFilter, limit, nextToken, null),
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
   * Requests a page ahead of need, or returns null when the client is closed or the request
   * cannot be built (the page is then fetched, and any error reported, when it is reached).
   */
  public EarlyPage sendEarly(
      String metadata, List<SandboxState> states, Integer limit, String nextToken) {
    List<SandboxState> stateFilter = states == null || states.isEmpty() ? null : states;
    try {
      runtime.ensureOpen();
      EarlyPage page =
          new EarlyPage(
              nextToken,
              api.listSandboxesCall(metadata, stateFilter, limit, nextToken, null),
              runtime);
      page.send();
      return page;
    } catch (RuntimeException notSent) {
      return null;
    }
  }

  public Started create(NewSandbox body) {
    return call(
        Operation.CREATE,
        null,
        ctx -> {
          ApiResponse<Sandbox> response =
              execute(() -> api.createSandboxCall(body, null), Sandbox.class, ctx);
          return new Started(requireBody(response), response.getStatusCode());
        });
  }

  public Started connect(String sandboxId, int timeoutSeconds) {
    ConnectSandbox body = new ConnectSandbox().timeout(timeoutSeconds);
    return call(
        Operation.CONNECT,
        sandboxId,
        ctx -> {
          ApiResponse<Sandbox> response =
              execute(() -> api.connectSandboxCall(sandboxId, body, null), Sandbox.class, ctx);
          return new Started(
              requireBody(response), response.getStatusCode());
        });
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
   * Pauses a sandbox: true when this call paused it, false when it was already paused (409).
   * When an earlier attempt may have reached the server, a 409 on the retry means that attempt
   * paused it.
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
      CallFactory factory, Type type, RetryingCaller.AttemptContext ctx) throws ApiException {
    return apiClient.execute(prepare(factory, ctx), type);
  }

  /** Reads a success body as it streams in; see {@link #executeReading}. */
  @FunctionalInterface
  private interface SuccessReader<T> {
    T read(Response response, Reader body) throws IOException;
  }

  /**
   * Runs a call whose success body {@link SandboxInfoReader} reads in one pass, or takes the
   * answer of the same request sent early. Errors, and success bodies that are not JSON,
   * surface exactly as the generated client reports them.
   */
  private <T> T executeReading(
      CallFactory factory,
      EarlyPage early,
      SuccessReader<T> reader,
      RetryingCaller.AttemptContext ctx)
      throws ApiException {
    Call call = early == null ? prepare(factory, ctx) : null;
    try (Response response = early == null ? call.execute() : early.await(ctx.timeout())) {
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
    } catch (IOException e) {
      throw new ApiException(e);
    }
  }

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
    return call;
  }

  /** Rejects a success without a body; the retry engine maps this to a protocol error. */
  private static <T> T requireBody(ApiResponse<T> response) {
    if (response.getData() == null) {
      throw new IllegalStateException("HTTP " + response.getStatusCode() + " without a body");
    }
    return response.getData();
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
}
