package dev.sandbox4j;

import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.internal.SandboxTransport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A handle on one sandbox, returned by {@code create} and {@code connect}: its identity, how to
 * reach it, and the lifecycle calls on it.
 *
 * <p>A handle is {@link AutoCloseable}: closing one that {@code create} returned kills the sandbox,
 * so {@code try (Sandbox s = client.create()) { ... }} never leaves a billed sandbox behind;
 * closing one that {@code connect} returned only detaches, since the caller did not start that
 * sandbox. If the block throws and the kill in {@code close()} fails too, Java adds the kill's
 * failure to the block's exception as suppressed, so nothing is masked.
 *
 * <p>The static methods are the one-liners of the official SDKs' docs ({@code Sandbox.create()},
 * {@code Sandbox.list()}, {@code Sandbox.connect(id)}) on the default client ({@link
 * SandboxClient#getDefault()}, built from the environment on first use, or set with {@link
 * SandboxClient#setDefault}). Calls by id on the default client go through it: {@code
 * SandboxClient.getDefault().kill(id)}. There are no static by-id methods here, so that a call on a
 * handle ({@code sandbox.kill()}) always goes to the client that made the handle. Handles are
 * thread-safe and their {@code toString()} never shows access tokens.
 */
public final class Sandbox implements AutoCloseable {
  private final SandboxClient client;
  private final String sandboxId;
  private final String templateId;
  private final String domain;
  private final String envdVersion;
  private final String envdAccessToken;
  private final String trafficAccessToken;
  private final boolean resumed;
  private final boolean killOnClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile DataPlane dataPlane;

  Sandbox(
      SandboxClient client,
      String sandboxId,
      String templateId,
      String domain,
      String envdVersion,
      String envdAccessToken,
      String trafficAccessToken,
      boolean resumed,
      boolean killOnClose) {
    this.client = client;
    this.sandboxId = sandboxId;
    this.templateId = templateId;
    this.domain = domain;
    this.envdVersion = envdVersion;
    this.envdAccessToken = envdAccessToken;
    this.trafficAccessToken = trafficAccessToken;
    this.resumed = resumed;
    this.killOnClose = killOnClose;
  }

  // ---- static one-liners on the default client ----

  /**
   * Creates a sandbox from the {@code base} template with a 300 s lifetime, using the shared client
   * configured from the environment.
   *
   * @return a handle that kills the sandbox when closed
   * @see SandboxClient#create()
   */
  public static Sandbox create() {
    return DefaultClient.get().create();
  }

  /**
   * Creates a sandbox, using the default client ({@link SandboxClient#getDefault()}).
   *
   * @param params what to create
   * @return a handle that kills the sandbox when closed
   * @see SandboxClient#create(CreateSandboxParams)
   */
  public static Sandbox create(CreateSandboxParams params) {
    return DefaultClient.get().create(params);
  }

  /**
   * Connects to a sandbox by id, resuming it if it is paused, using the default client.
   *
   * @param sandboxId the sandbox's id
   * @return a handle that detaches when closed
   * @see SandboxClient#connect(String)
   */
  public static Sandbox connect(String sandboxId) {
    return DefaultClient.get().connect(sandboxId);
  }

  /**
   * Connects to a sandbox by id with the given parameters, using the default client.
   *
   * @param sandboxId the sandbox's id
   * @param params the lifetime to give it
   * @return a handle that detaches when closed
   * @see SandboxClient#connect(String, ConnectSandboxParams)
   */
  public static Sandbox connect(String sandboxId, ConnectSandboxParams params) {
    return DefaultClient.get().connect(sandboxId, params);
  }

  /**
   * Lists every running and paused sandbox, using the default client.
   *
   * @return a lazy paginator
   * @see SandboxClient#list()
   */
  public static SandboxPaginator list() {
    return DefaultClient.get().list();
  }

  /**
   * Lists sandboxes matching a query, using the default client.
   *
   * @param query filters, page size and cursor
   * @return a lazy paginator
   * @see SandboxClient#list(SandboxListQuery)
   */
  public static SandboxPaginator list(SandboxListQuery query) {
    return DefaultClient.get().list(query);
  }

  // ---- the handle ----

  /**
   * Returns the sandbox's id.
   *
   * @return the id
   */
  public String sandboxId() {
    return sandboxId;
  }

  /**
   * Returns the id of the template the sandbox runs.
   *
   * @return the template id
   */
  public String templateId() {
    return templateId;
  }

  /**
   * Returns the domain sandbox traffic goes to: the one the API answered with, else the client's
   * configured domain.
   *
   * @return the domain
   */
  public String domain() {
    return domain;
  }

  /**
   * Returns the version of the daemon running inside the sandbox.
   *
   * @return the version
   */
  public String envdVersion() {
    return envdVersion;
  }

  /**
   * Returns whether this handle's {@code connect} resumed a paused sandbox (the API answered 201);
   * false when it was already running, and always false for a created sandbox. If a first attempt
   * resumed the sandbox but its answer was lost, the retry finds it running and this is false.
   *
   * @return whether the sandbox was resumed
   */
  public boolean resumed() {
    return resumed;
  }

  /**
   * Returns the secret token for the in-sandbox daemon ({@code X-Access-Token}), present when the
   * sandbox is secure. Treat it like a password.
   *
   * @return the token, or empty
   */
  public Optional<String> envdAccessToken() {
    return Optional.ofNullable(envdAccessToken);
  }

  /**
   * Returns the secret token for reaching the sandbox's ports when public traffic is restricted.
   * Treat it like a password.
   *
   * @return the token, or empty
   */
  public Optional<String> trafficAccessToken() {
    return Optional.ofNullable(trafficAccessToken);
  }

  /**
   * Returns the host that reaches a port inside the sandbox: {@code <port>-<sandboxId>.<domain>}
   * over HTTPS, or {@code localhost:<port>} when the client is in debug mode.
   *
   * @param port the port inside the sandbox, 1 to 65535
   * @return the host name (with the port in debug mode)
   */
  public String getHost(int port) {
    if (port < 1 || port > 65535) {
      throw new SandboxConfigurationException("port must be between 1 and 65535, got " + port);
    }
    if (client.debug()) {
      return "localhost:" + port;
    }
    return port + "-" + sandboxId + "." + domain;
  }

  // ---- inside the sandbox ----

  private DataPlane dataPlane() {
    DataPlane current = dataPlane;
    if (current == null) {
      synchronized (this) {
        current = dataPlane;
        if (current == null) {
          current =
              new DataPlane(
                  new SandboxTransport(
                      client.dataPlane(),
                      sandboxId,
                      domain,
                      envdVersion,
                      envdAccessToken,
                      trafficAccessToken));
          dataPlane = current;
        }
      }
    }
    return current;
  }

  /**
   * Returns the commands of this sandbox: run, start in the background, list, kill, stdin.
   *
   * @return the commands view
   */
  public Commands commands() {
    return dataPlane().commands;
  }

  /**
   * Returns the filesystem of this sandbox: read, write, list, watch, signed URLs.
   *
   * @return the filesystem view
   */
  public Filesystem files() {
    return dataPlane().files;
  }

  /**
   * Runs code in the sandbox's code interpreter (templates built on the code interpreter), Python
   * by default, and waits for it. An exception the code raises is data in {@link
   * Execution#error()}, not a Java exception.
   *
   * @param code the code
   * @return what the code printed and returned
   */
  public Execution runCode(String code) {
    return dataPlane().code.run(code, RunCodeOptions.defaults());
  }

  /**
   * Runs code in the sandbox's code interpreter and waits for it.
   *
   * @param code the code
   * @param options language or context, environment, time limit, callbacks
   * @return what the code printed and returned
   * @throws dev.sandbox4j.errors.SandboxTimeoutException when the time limit ran out
   */
  public Execution runCode(String code, RunCodeOptions options) {
    return dataPlane().code.run(code, options);
  }

  /**
   * Runs code without blocking the caller; cancelling the future stops reading its output.
   *
   * @param code the code
   * @param options language or context, environment, time limit, callbacks
   * @return the future execution
   */
  public CompletableFuture<Execution> runCodeAsync(String code, RunCodeOptions options) {
    return dataPlane().code.runAsync(code, options);
  }

  /**
   * Creates a code context (a kernel with its own state) with the interpreter's defaults: Python in
   * {@code /home/user}.
   *
   * @return the context
   */
  public CodeContext createCodeContext() {
    return dataPlane().code.createContext(null, null);
  }

  /**
   * Creates a code context.
   *
   * @param language the language, e.g. {@code python} or {@code javascript}; null for the
   *     interpreter's default (Python)
   * @param cwd the working directory; null for the interpreter's default ({@code /home/user})
   * @return the context
   */
  public CodeContext createCodeContext(String language, String cwd) {
    return dataPlane().code.createContext(language, cwd);
  }

  /**
   * Lists the code contexts of the sandbox.
   *
   * @return the contexts
   */
  public List<CodeContext> listCodeContexts() {
    return dataPlane().code.listContexts();
  }

  /**
   * Restarts a code context: its kernel and all its state start afresh.
   *
   * @param contextId the context's id
   */
  public void restartCodeContext(String contextId) {
    dataPlane().code.restartContext(contextId);
  }

  /**
   * Removes a code context and stops its kernel.
   *
   * @param contextId the context's id
   */
  public void removeCodeContext(String contextId) {
    dataPlane().code.removeContext(contextId);
  }

  /**
   * Returns whether the sandbox's daemon answers its health check; false when the sandbox is gone
   * (the edge answers 502).
   *
   * @return whether the sandbox runs
   */
  public boolean isRunning() {
    return dataPlane().files.isRunning();
  }

  /**
   * Returns the sandbox's resource usage now, from its daemon (envd 0.1.5 and later).
   *
   * @return the metrics
   */
  public SandboxMetrics getMetrics() {
    return dataPlane().files.metrics();
  }

  /** What a handle builds on first use of the sandbox's inside. */
  private static final class DataPlane {
    final Commands commands;
    final Filesystem files;
    final CodeInterpreter code;

    DataPlane(SandboxTransport transport) {
      this.commands = new Commands(transport);
      this.files = new Filesystem(transport, null);
      this.code = new CodeInterpreter(transport);
    }
  }

  /**
   * Fetches the sandbox's current details.
   *
   * @return the details
   * @throws dev.sandbox4j.errors.SandboxNotFoundException when it no longer exists
   */
  public SandboxInfo getInfo() {
    return client.getInfo(sandboxId);
  }

  /**
   * Sets the sandbox's remaining lifetime, counted from now; it can shorten or lengthen it.
   *
   * @param timeout the lifetime, positive; sent as whole seconds, rounded up
   * @throws dev.sandbox4j.errors.SandboxNotFoundException when it no longer exists or is paused
   */
  public void setTimeout(Duration timeout) {
    client.setTimeout(sandboxId, timeout);
  }

  /**
   * Pauses the sandbox; {@link SandboxClient#connect(String)} resumes it.
   *
   * @return true if this call paused it, false if it was already paused
   * @throws dev.sandbox4j.errors.SandboxNotFoundException when it no longer exists
   */
  public boolean pause() {
    return client.pause(sandboxId);
  }

  /**
   * Kills the sandbox; afterwards {@link #close()} does nothing.
   *
   * @return true if this call killed it, false if it no longer existed
   */
  public boolean kill() {
    boolean killed = client.kill(sandboxId);
    closed.set(true);
    return killed;
  }

  /**
   * Kills the sandbox if this handle created it, or only detaches if it came from {@code connect}.
   * Once it has succeeded, calling it again does nothing; after a failed kill, calling it again
   * tries again.
   *
   * @throws dev.sandbox4j.errors.SandboxException when the kill fails: the sandbox may still be
   *     running and billed
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true) || !killOnClose) {
      return;
    }
    try {
      client.kill(sandboxId);
    } catch (RuntimeException e) {
      closed.set(false); // the sandbox may still run: let a later close() try again
      throw e;
    }
  }

  @Override
  public String toString() {
    return "Sandbox{sandboxId="
        + sandboxId
        + ", templateId="
        + templateId
        + ", domain="
        + domain
        + ", envdVersion="
        + envdVersion
        + ", resumed="
        + resumed
        + ", envdAccessToken="
        + (envdAccessToken == null ? "none" : "[redacted]")
        + "}";
  }
}
