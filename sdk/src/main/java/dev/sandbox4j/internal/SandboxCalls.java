package dev.sandbox4j.internal;

import com.google.gson.reflect.TypeToken;
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
import dev.sandbox4j.generated.model.ListedSandbox;
import dev.sandbox4j.generated.model.NewSandbox;
import dev.sandbox4j.generated.model.Sandbox;
import dev.sandbox4j.generated.model.SandboxDetail;
import dev.sandbox4j.generated.model.SandboxState;
import dev.sandbox4j.generated.model.SandboxTimeoutUpdate;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.Call;

/**
 * The control plane's operations, and the one place where they meet the generated client:
 * each takes and returns public types (or plain values), builds the generated request, runs
 * it through the retry engine with the attempt's timeout, translates the answer, and
 * interprets the statuses that are answers rather than errors (kill 404, pause 409, connect
 * 200/201).
 */
public final class SandboxCalls {
  private static final Type LIST_TYPE = new TypeToken<List<ListedSandbox>>() {}.getType();

  private final ApiClient apiClient;
  private final SandboxesApi api;
  private final ClientRuntime runtime;
  private final ClientOptions options;

  SandboxCalls(ApiClient apiClient, ClientRuntime runtime, ClientOptions options) {
    this.apiClient = apiClient;
    this.api = new SandboxesApi(apiClient);
    this.runtime = runtime;
    this.options = options;
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
    String domain =
        wire.getDomain() == null || wire.getDomain().isBlank()
            ? options.domain()
            : wire.getDomain();
    return new Started(wire, domain, connect && response.getStatusCode() == 201);
  }

  /** Fetches one page of a listing, starting at the given cursor (null for the first). */
  public Page list(SandboxListQuery query, String nextToken) {
    String metadata = query.metadata().isEmpty() ? null : MetadataFilter.encode(query.metadata());
    List<SandboxState> states =
        query.states().isEmpty()
            ? null
            : query.states().stream()
                .map(state -> SandboxState.fromValue(state.wireValue()))
                .collect(Collectors.toUnmodifiableList());
    Integer limit = query.limit().isPresent() ? query.limit().getAsInt() : null;
    return call(
        Operation.LIST,
        null,
        ctx -> {
          ApiResponse<List<ListedSandbox>> response =
              execute(
                  () -> api.listSandboxesCall(metadata, states, limit, nextToken, null),
                  LIST_TYPE,
                  ctx);
          List<ListedSandbox> wire = response.getData() == null ? List.of() : response.getData();
          List<SandboxInfo> items = new ArrayList<>(wire.size());
          for (ListedSandbox item : wire) {
            if (item == null) {
              throw BadServerData.of("the page holds a null item");
            }
            items.add(InfoMapper.fromListed(item));
          }
          return new Page(
              List.copyOf(items),
              Headers.first(response.getHeaders(), "X-Next-Token").orElse(null),
              ctx.number());
        });
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
            InfoMapper.fromDetail(
                requireBody(
                    execute(() -> api.getSandboxCall(sandboxId, null), SandboxDetail.class, ctx))));
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
      CallFactory factory, Type type, RetryingCaller.AttemptContext ctx)
      throws ApiException, BadServerData {
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
    try {
      return apiClient.execute(call, type);
    } catch (ApiException failedExchange) {
      throw failedExchange; // an error status, or an I/O failure: classified by the engine
    } catch (RuntimeException unreadable) {
      // Thrown by the generated models or their JSON parser while reading a success body.
      throw BadServerData.unreadable(unreadable);
    }
  }

  /** Rejects a success without a body; the retry engine maps this to a protocol error. */
  private static <T> T requireBody(ApiResponse<T> response) throws BadServerData {
    if (response.getData() == null) {
      throw BadServerData.of("HTTP " + response.getStatusCode() + " without a body");
    }
    return response.getData();
  }
}
