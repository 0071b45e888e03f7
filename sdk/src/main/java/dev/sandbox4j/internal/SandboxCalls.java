package dev.sandbox4j.internal;

import com.google.gson.reflect.TypeToken;
import dev.sandbox4j.SandboxInfo;
import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.generated.ApiClient;
import dev.sandbox4j.generated.ApiException;
import dev.sandbox4j.generated.ApiResponse;
import dev.sandbox4j.generated.api.SandboxesApi;
import dev.sandbox4j.generated.model.ConnectSandbox;
import dev.sandbox4j.generated.model.ListedSandbox;
import dev.sandbox4j.generated.model.NewSandbox;
import dev.sandbox4j.generated.model.Sandbox;
import dev.sandbox4j.generated.model.SandboxDetail;
import dev.sandbox4j.generated.model.SandboxState;
import dev.sandbox4j.generated.model.SandboxTimeoutUpdate;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;

/**
 * The API operations as the SDK uses them: each one builds the generated call, applies the
 * attempt's timeout, runs it through the retry engine, and interprets the statuses that are
 * answers rather than errors (kill 404, pause 409, connect 200/201).
 */
public final class SandboxCalls {
  private static final Type LIST_TYPE = new TypeToken<List<ListedSandbox>>() {}.getType();

  private final ApiClient apiClient;
  private final SandboxesApi api;
  private final ClientRuntime runtime;
  private final ClientSettings settings;

  public SandboxCalls(ApiClient apiClient, ClientRuntime runtime, ClientSettings settings) {
    this.apiClient = apiClient;
    this.api = new SandboxesApi(apiClient);
    this.runtime = runtime;
    this.settings = settings;
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
    return call(
        Operation.LIST,
        null,
        ctx -> {
          List<SandboxState> stateFilter = states == null || states.isEmpty() ? null : states;
          ApiResponse<List<ListedSandbox>> response =
              execute(
                  () -> api.listSandboxesCall(metadata, stateFilter, limit, nextToken, null),
                  LIST_TYPE,
                  ctx);
          List<ListedSandbox> wire = response.getData() == null ? List.of() : response.getData();
          List<SandboxInfo> items = new ArrayList<>(wire.size());
          for (ListedSandbox item : wire) {
            if (item == null) {
              throw new IllegalStateException("the page holds a null item");
            }
            items.add(InfoMapper.fromListed(item));
          }
          return new Page(
              List.copyOf(items), header(response.getHeaders(), "X-Next-Token"), ctx.number());
        });
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
      CallFactory factory, Type type, RetryingCaller.AttemptContext ctx) throws ApiException {
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
    return apiClient.execute(call, type);
  }

  /** Rejects a success without a body; the retry engine maps this to a protocol error. */
  private static <T> T requireBody(ApiResponse<T> response) {
    if (response.getData() == null) {
      throw new IllegalStateException("HTTP " + response.getStatusCode() + " without a body");
    }
    return response.getData();
  }

  /** Reads a response header by name in any case; empty values count as absent. */
  private static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        for (String value : entry.getValue()) {
          if (value != null && !value.isEmpty()) {
            return value;
          }
        }
      }
    }
    return null;
  }
}
