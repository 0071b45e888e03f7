package dev.sandbox4j;

import dev.sandbox4j.internal.Args;
import dev.sandbox4j.internal.ClientCore;
import dev.sandbox4j.internal.ClientOptions;
import dev.sandbox4j.internal.DataPlaneHttp;
import dev.sandbox4j.internal.SandboxCalls;
import dev.sandbox4j.internal.Sleeper;
import dev.sandbox4j.internal.WireDurations;
import dev.sandbox4j.raw.RawApi;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/**
 * The entry point of sandbox4j: creates, lists, connects to, pauses, times out and kills sandboxes
 * of the Novita Sandbox API.
 *
 * <p>Create one per application and share it: it is thread-safe and owns a connection pool. Close
 * it when done ({@link AutoCloseable}); closing releases only what the client created itself, never
 * an {@link OkHttpClient} you passed in.
 *
 * <pre>{@code
 * try (SandboxClient client = SandboxClient.fromEnv();
 *      Sandbox sandbox = client.create()) {
 *   System.out.println(sandbox.sandboxId());
 * }
 * }</pre>
 *
 * <p>Every method throws a subclass of {@link dev.sandbox4j.errors.SandboxException}; bad arguments
 * throw {@link dev.sandbox4j.errors.SandboxConfigurationException} before anything is sent. Failed
 * requests are retried as the README's retry table says (never a create that the server may have
 * acted on).
 */
public final class SandboxClient implements AutoCloseable {
  private final ClientCore core;
  private final boolean view;

  private SandboxClient(ClientCore core, boolean view) {
    this.core = core;
    this.view = view;
  }

  /**
   * Returns a client configured from system properties and {@code NOVITA_*} environment variables
   * ({@code NOVITA_API_KEY}, {@code NOVITA_DOMAIN}, {@code NOVITA_API_URL}, ...).
   *
   * @return a new client
   * @throws dev.sandbox4j.errors.SandboxConfigurationException when no credentials are set
   */
  public static SandboxClient fromEnv() {
    return builder().build();
  }

  /**
   * Returns the default client, which the static {@link Sandbox} one-liners use: the one given to
   * {@link #setDefault}, else a client built from the environment ({@link #fromEnv()}) on first use
   * and kept.
   *
   * @return the default client
   * @throws dev.sandbox4j.errors.SandboxConfigurationException when none was set and the
   *     environment has no credentials
   */
  public static SandboxClient getDefault() {
    return DefaultClient.get();
  }

  /**
   * Makes a client the default, e.g. one pointed at a test's local server. The caller keeps owning
   * it (closing it is the caller's business); a default the SDK built from the environment is
   * closed when replaced.
   *
   * @param client the new default client
   */
  public static void setDefault(SandboxClient client) {
    DefaultClient.set(client);
  }

  /**
   * Forgets the default client, so that the next one-liner builds one from the environment again
   * (e.g. after a test changed the {@code novita.*} properties). A default the SDK built itself is
   * closed, and handles made through it stop working; one given to {@link #setDefault} is only
   * forgotten.
   */
  public static void resetDefault() {
    DefaultClient.reset();
  }

  /**
   * Returns a builder; values it is not given come from system properties, then environment
   * variables, then defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a sandbox from the {@code base} template with a 300 s lifetime.
   *
   * @return a handle whose {@code close()} kills the sandbox
   */
  public Sandbox create() {
    return create(CreateSandboxParams.defaults());
  }

  /**
   * Creates a sandbox. The request is never repeated once the server may have acted on it: a create
   * that fails ambiguously (connection lost after sending, 500, 502, 504, timeout) throws instead,
   * since a second attempt could start a second billed sandbox.
   *
   * @param params what to create
   * @return a handle whose {@code close()} kills the sandbox
   */
  public Sandbox create(CreateSandboxParams params) {
    Args.nonNull(params, "params");
    return handle(core.calls().create(params), true);
  }

  /**
   * Lists every running and paused sandbox, newest first.
   *
   * @return a lazy paginator; nothing is fetched until it is used
   */
  public SandboxPaginator list() {
    return list(SandboxListQuery.all());
  }

  /**
   * Lists the sandboxes a query selects, newest first, filtered on the server.
   *
   * @param query metadata and state filters, page size and starting cursor
   * @return a lazy paginator; nothing is fetched until it is used
   */
  public SandboxPaginator list(SandboxListQuery query) {
    Args.nonNull(query, "query");
    return new SandboxPaginator(core.calls(), query);
  }

  /**
   * Connects to a sandbox, resuming it if it is paused, and gives it 300 s from now (a running
   * sandbox's lifetime is only ever extended).
   *
   * @param sandboxId the sandbox's id
   * @return a handle that only detaches when closed; {@link Sandbox#resumed()} says whether it was
   *     paused
   * @throws dev.sandbox4j.errors.SandboxNotFoundException when no such sandbox exists
   */
  public Sandbox connect(String sandboxId) {
    return connect(sandboxId, ConnectSandboxParams.defaults());
  }

  /**
   * Connects to a sandbox, resuming it if it is paused, with the given lifetime.
   *
   * @param sandboxId the sandbox's id
   * @param params the lifetime to give it from now
   * @return a handle that only detaches when closed
   * @throws dev.sandbox4j.errors.SandboxNotFoundException when no such sandbox exists
   */
  public Sandbox connect(String sandboxId, ConnectSandboxParams params) {
    Args.sandboxId(sandboxId);
    Args.nonNull(params, "params");
    int seconds = WireDurations.lifetimeSeconds(params.timeout(), "timeout");
    return handle(core.calls().connect(sandboxId, seconds), false);
  }

  /**
   * Kills a sandbox, running or paused.
   *
   * @param sandboxId the sandbox's id
   * @return true if it was killed, false if it did not exist
   */
  public boolean kill(String sandboxId) {
    return core.calls().kill(Args.sandboxId(sandboxId));
  }

  /**
   * Fetches a sandbox's details.
   *
   * @param sandboxId the sandbox's id
   * @return the details
   * @throws dev.sandbox4j.errors.SandboxNotFoundException when no such sandbox exists
   */
  public SandboxInfo getInfo(String sandboxId) {
    return core.calls().getInfo(Args.sandboxId(sandboxId));
  }

  /**
   * Sets a running sandbox's remaining lifetime, counted from now; it can shorten or lengthen it.
   *
   * @param sandboxId the sandbox's id
   * @param timeout the lifetime, positive; sent as whole seconds, rounded up
   * @throws dev.sandbox4j.errors.SandboxNotFoundException when no such sandbox runs (a paused one
   *     counts as not found)
   */
  public void setTimeout(String sandboxId, Duration timeout) {
    Args.sandboxId(sandboxId);
    core.calls().setTimeout(sandboxId, WireDurations.lifetimeSeconds(timeout, "timeout"));
  }

  /**
   * Pauses a running sandbox; {@link #connect(String)} resumes it.
   *
   * @param sandboxId the sandbox's id
   * @return true if this call paused it, false if it was already paused
   * @throws dev.sandbox4j.errors.SandboxNotFoundException when no such sandbox exists
   */
  public boolean pause(String sandboxId) {
    return core.calls().pause(Args.sandboxId(sandboxId));
  }

  /**
   * Returns a client that shares this one's connections and configuration but uses other retry and
   * timeout settings, e.g. {@code client.withOptions(o -> o.maxRetries(0))}. Closing the returned
   * client does not close this one.
   *
   * @param options changes to apply
   * @return a new client view
   */
  public SandboxClient withOptions(Consumer<CallOptions> options) {
    Args.nonNull(options, "options");
    CallOptions values = new CallOptions(core.options().toBuilder());
    options.accept(values);
    return new SandboxClient(core.withOptions(values.options.build()), true);
  }

  /**
   * Returns the generated low-level client, wired to this client's HTTP stack (base URL,
   * credentials, identity headers, timeouts, and the same retry rules), for calls the SDK does not
   * cover. Its types are generated from the OpenAPI document and may change between releases.
   *
   * @return a new raw API view; once this client is closed, its requests fail without being sent
   * @throws dev.sandbox4j.errors.SandboxConfigurationException when the client is closed
   */
  public RawApi raw() {
    return new RawApi(core.rawApiClient());
  }

  /**
   * Returns the same operations as {@link java.util.concurrent.CompletableFuture}s, run on the
   * client's async executor (by default a pool of daemon threads that {@link #close()} shuts down).
   *
   * @return the asynchronous view of this client
   */
  public SandboxClientAsync async() {
    return new SandboxClientAsync(this, core);
  }

  boolean debug() {
    return core.options().debug();
  }

  /** The HTTP clients for traffic into this client's sandboxes. */
  DataPlaneHttp dataPlane() {
    return core.dataPlane();
  }

  /**
   * Closes the client: later calls, through it or any {@link #withOptions} view, fail with {@link
   * dev.sandbox4j.errors.SandboxConfigurationException} and send nothing, and the connection pool
   * and threads the client created are released. A caller-supplied {@link OkHttpClient} or executor
   * is left untouched. Closing a view does nothing; closing twice is harmless.
   */
  @Override
  public void close() {
    if (!view) {
      core.close();
    }
  }

  @Override
  public String toString() {
    return "SandboxClient{" + core.options() + "}";
  }

  private Sandbox handle(SandboxCalls.Started started, boolean created) {
    return new Sandbox(
        this,
        started.sandboxId(),
        started.templateId(),
        started.domain(),
        started.envdVersion(),
        started.envdAccessToken(),
        started.trafficAccessToken(),
        started.resumed(),
        created);
  }

  /**
   * Retry and timeout settings for {@link #withOptions(Consumer)}; values not set keep the
   * client's.
   */
  public static final class CallOptions {
    private final ClientOptions.Builder options;

    private CallOptions(ClientOptions.Builder options) {
      this.options = options;
    }

    /**
     * Sets how many times a failed request is retried after the first attempt; 0 disables.
     *
     * @param maxRetries retries, 0 or more
     * @return these options
     */
    public CallOptions maxRetries(int maxRetries) {
      options.maxRetries(maxRetries);
      return this;
    }

    /**
     * Sets the timeout of each attempt; zero means none.
     *
     * @param requestTimeout the per-attempt timeout
     * @return these options
     */
    public CallOptions requestTimeout(Duration requestTimeout) {
      options.requestTimeout(requestTimeout);
      return this;
    }

    /**
     * Sets the timeout of a whole call, retries and waits included; null or zero means none.
     *
     * @param callTimeout the whole-call timeout
     * @return these options
     */
    public CallOptions callTimeout(Duration callTimeout) {
      options.callTimeout(callTimeout);
      return this;
    }
  }

  /**
   * Builds a {@link SandboxClient}. Each setting not given here is read from a system property
   * ({@code novita.apiKey}, {@code novita.accessToken}, {@code novita.domain}, {@code
   * novita.apiUrl}, {@code novita.debug}), then an environment variable ({@code NOVITA_API_KEY},
   * {@code NOVITA_ACCESS_TOKEN}, {@code NOVITA_DOMAIN}, {@code NOVITA_API_URL}, {@code
   * NOVITA_DEBUG}), then a default. Blank values count as unset. {@link #build()} validates and
   * throws {@link dev.sandbox4j.errors.SandboxConfigurationException} naming the bad setting.
   */
  public static final class Builder {
    private final ClientOptions.Builder options = ClientOptions.builder();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Function<String, String> environment = System::getenv;
    private Function<String, String> systemProperties = System::getProperty;
    private OkHttpClient httpClient;
    private Executor asyncExecutor;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /**
     * Sets the API key, sent as {@code X-API-Key}.
     *
     * @param apiKey the key; never logged or shown in messages
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      options.apiKey(apiKey);
      return this;
    }

    /**
     * Sets a user access token, sent as {@code Authorization: Bearer}.
     *
     * @param accessToken the token; never logged or shown in messages
     * @return this builder
     */
    public Builder accessToken(String accessToken) {
      options.accessToken(accessToken);
      return this;
    }

    /**
     * Sets the Novita domain (default {@code us-phx-1.sandbox.novita.ai}); the API URL is {@code
     * https://api.<domain>} unless set.
     *
     * @param domain the domain
     * @return this builder
     */
    public Builder domain(String domain) {
      options.domain(domain);
      return this;
    }

    /**
     * Sets the API's base URL, e.g. {@code http://127.0.0.1:3000} for a local server; a URL without
     * a scheme gets {@code https://}.
     *
     * @param apiUrl the base URL
     * @return this builder
     */
    public Builder apiUrl(String apiUrl) {
      options.apiUrl(apiUrl);
      return this;
    }

    /**
     * Sets one base URL for every sandbox's daemon and code interpreter, e.g. the embedded local
     * server's; requests are routed by the {@code Novita-Sandbox-Id} and {@code
     * Novita-Sandbox-Port} headers. Unset, a sandbox is reached at {@code
     * https://<port>-<sandboxId>.<domain>}. Also read from {@code novita.sandboxUrl} and {@code
     * NOVITA_SANDBOX_URL}.
     *
     * @param sandboxUrl the base URL
     * @return this builder
     */
    public Builder sandboxUrl(String sandboxUrl) {
      options.sandboxUrl(sandboxUrl);
      return this;
    }

    /**
     * Sets debug mode: the API URL defaults to {@code http://localhost:3000} and {@link
     * Sandbox#getHost(int)} answers {@code localhost:<port>}.
     *
     * @param debug whether to use debug mode
     * @return this builder
     */
    public Builder debug(boolean debug) {
      options.debug(debug);
      return this;
    }

    /**
     * Sets the timeout of each HTTP attempt (default 60 s); zero means none.
     *
     * @param requestTimeout the per-attempt timeout
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      options.requestTimeout(requestTimeout);
      return this;
    }

    /**
     * Sets a timeout for a whole call, retries and their waits included (default none).
     *
     * @param callTimeout the whole-call timeout; null or zero means none
     * @return this builder
     */
    public Builder callTimeout(Duration callTimeout) {
      options.callTimeout(callTimeout);
      return this;
    }

    /**
     * Sets how many times a failed request is retried after the first attempt (default 2; 0
     * disables retries).
     *
     * @param maxRetries retries, 0 or more
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      options.maxRetries(maxRetries);
      return this;
    }

    /**
     * Adds a header to every request. It cannot replace the credential or SDK identity headers.
     *
     * @param name the header name
     * @param value the header value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /**
     * Uses an OkHttpClient of your own (proxy, TLS, pool, dispatcher). The SDK derives its client
     * from it, sharing its pool and threads, and never closes it. The derived client follows no
     * redirects, never retries on its own and has no authenticator: only the SDK's retry rules
     * repeat a request.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * Uses an executor of your own for {@link SandboxClient#async()} calls (default: a pool of
     * daemon threads owned by the client). The client never shuts it down.
     *
     * @param asyncExecutor the executor
     * @return this builder
     */
    public Builder asyncExecutor(Executor asyncExecutor) {
      this.asyncExecutor = asyncExecutor;
      return this;
    }

    /**
     * Replaces the process environment as the source of {@code NOVITA_*} variables, e.g. {@code
     * Map.of("NOVITA_API_KEY", "...")::get} in tests.
     *
     * @param environment looks a variable up by name; returns null when unset
     * @return this builder
     */
    public Builder environment(Function<String, String> environment) {
      this.environment = environment;
      return this;
    }

    /**
     * Replaces {@link System#getProperty(String)} as the source of {@code novita.*} properties.
     *
     * @param systemProperties looks a property up by name; returns null when unset
     * @return this builder
     */
    public Builder systemProperties(Function<String, String> systemProperties) {
      this.systemProperties = systemProperties;
      return this;
    }

    /** Replaces the sleeper between retries; for tests in this package. */
    Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** Replaces the clock that budgets calls and reads HTTP dates; for tests in this package. */
    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Replaces the jitter source; for tests in this package. */
    Builder jitter(DoubleSupplier jitter) {
      this.jitter = jitter;
      return this;
    }

    /**
     * Validates the configuration and builds the client.
     *
     * @return the client
     * @throws dev.sandbox4j.errors.SandboxConfigurationException when no credentials are set, the
     *     URL is invalid, or a value is out of range
     */
    public SandboxClient build() {
      dev.sandbox4j.internal.HttpLibraryCheck.requireCompatible();
      Args.nonNull(environment, "environment");
      Args.nonNull(systemProperties, "systemProperties");
      ClientOptions resolved =
          options
              .headers(Args.stringMap(headers, "header", true))
              .resolve(systemProperties, environment);
      return new SandboxClient(
          ClientCore.create(resolved, httpClient, asyncExecutor, sleeper, clock, jitter), false);
    }
  }
}
