package dev.sandbox4j.local.internal.envd;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import dev.sandbox4j.local.internal.runtime.Failure;
import dev.sandbox4j.local.internal.runtime.LocalSandbox;
import dev.sandbox4j.local.internal.runtime.SandboxRecord;
import dev.sandbox4j.local.internal.runtime.SandboxRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The data plane's front door: takes over every request that names a sandbox (the {@code
 * Novita-Sandbox-Id} header, which the SDKs send on every envd call) and serves it as that
 * sandbox's envd would, on the local server's own port.
 *
 * <p>Data-plane exchanges run on their own pool, not on the server's bounded handler pool: a
 * command's output stream or a directory watch may stay open for hours and must neither starve
 * control-plane requests nor be cut by the control plane's per-exchange deadline. Here each single
 * socket read or write is bounded instead ({@link IoWatchdog}), and the number of open data-plane
 * exchanges is capped ({@value #MAX_EXCHANGES}; more get 503 at once).
 */
public final class EnvdGateway implements AutoCloseable {

  public static final String SANDBOX_ID_HEADER = "Novita-Sandbox-Id";
  public static final String SANDBOX_PORT_HEADER = "Novita-Sandbox-Port";

  /** The port envd listens on in a real sandbox; requests without a port header go there too. */
  public static final int ENVD_PORT = 49983;

  /** The code interpreter's port in a real sandbox. */
  public static final int CODE_INTERPRETER_PORT = 49999;

  static final int MAX_EXCHANGES = 1024;
  static final Duration IO_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = Logger.getLogger(EnvdGateway.class.getName());
  private static final AtomicInteger GATEWAY_NUMBERS = new AtomicInteger();
  private static final Set<String> USERS = Set.of("user", "root");
  private static final String UNAUTHORIZED =
      "unauthorized access, please provide a valid access token or method signing if supported";

  private final SandboxRuntime runtime;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService timer;
  private final IoWatchdog watchdog;
  private final SandboxInterpreters interpreters;

  public EnvdGateway(SandboxRuntime runtime) {
    this(runtime, IO_TIMEOUT);
  }

  EnvdGateway(SandboxRuntime runtime, Duration ioTimeout) {
    this.runtime = runtime;
    int number = GATEWAY_NUMBERS.incrementAndGet();
    this.workers =
        new ThreadPoolExecutor(
            0,
            MAX_EXCHANGES,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemonThreads("sandbox4j-envd-" + number + "-"));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            daemonThreads("sandbox4j-envd-" + number + "-io-"));
    this.watchdog = new IoWatchdog(timer, ioTimeout);
    this.interpreters = new SandboxInterpreters(watchdog.asClientIoDeadline());
  }

  /** The sandbox runtime behind this gateway (for wiring the code interpreter). */
  public SandboxRuntime runtime() {
    return runtime;
  }

  /**
   * Takes over the exchange when it names a sandbox: from then on this gateway answers and closes
   * it on its own threads, and the caller must not touch it. False: not a data-plane request.
   */
  public boolean takeOver(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst(SANDBOX_ID_HEADER);
    if (header == null) {
      return false;
    }
    // On legacy domains the SDKs send "<sandboxID>-<clientID>"; the suffix names no sandbox.
    int dash = header.indexOf('-');
    String sandboxId = dash < 0 ? header : header.substring(0, dash);
    try {
      workers.execute(() -> serve(exchange, sandboxId));
    } catch (RejectedExecutionException full) {
      EnvdExchange busy = new EnvdExchange(exchange, watchdog);
      try {
        busy.httpError(
            503, "too many open data-plane requests (" + MAX_EXCHANGES + "); retry later");
      } catch (IOException | RuntimeException ignored) {
        // the client is gone
      } finally {
        busy.close();
      }
    }
    return true;
  }

  @Override
  public void close() {
    workers.shutdownNow();
    timer.shutdownNow();
  }

  private void serve(HttpExchange raw, String sandboxId) {
    EnvdExchange exchange = null;
    try {
      exchange = new EnvdExchange(raw, watchdog);
      route(exchange, sandboxId);
    } catch (HttpError e) {
      answer(exchange, e.status(), e.getMessage(), Optional.empty());
    } catch (ConnectError e) {
      answer(exchange, e.code().httpStatus, e.getMessage(), Optional.of(e));
    } catch (Failure f) {
      ConnectError asConnect = ConnectError.of(f);
      boolean rpc = exchange != null && exchange.path().contains(".");
      answer(
          exchange,
          ConnectCode.httpStatusOf(f.kind()),
          f.getMessage(),
          rpc ? Optional.of(asConnect) : Optional.empty());
    } catch (IOException e) {
      LOG.log(
          Level.FINE, "sandbox4j envd: lost the client of " + raw.getRequestURI().getRawPath(), e);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "sandbox4j envd: failed on " + raw.getRequestURI().getRawPath(), e);
      answer(
          exchange,
          500,
          "internal error in the sandbox4j local server: " + e.getClass().getSimpleName(),
          Optional.empty());
    } finally {
      Thread.interrupted();
      try {
        // Closing writes the last chunk: bounded too, for a client that stopped reading.
        watchdog.run(
            () -> {
              raw.close();
              return null;
            });
      } catch (IOException | RuntimeException ignored) {
        // the connection is gone either way
      }
      Thread.interrupted();
    }
  }

  private void route(EnvdExchange exchange, String sandboxId) throws IOException {
    int port = exchange.header(SANDBOX_PORT_HEADER).map(EnvdGateway::port).orElse(ENVD_PORT);
    Optional<SandboxRecord> record = runtime.record(sandboxId);
    if (record.isEmpty()) {
      edgeError(exchange, sandboxId, "The sandbox was not found");
      return;
    }
    if (!record.get().running()) {
      edgeError(exchange, sandboxId, "The sandbox is paused");
      return;
    }
    Optional<LocalSandbox> found = runtime.running(sandboxId);
    if (found.isEmpty()) {
      edgeError(exchange, sandboxId, "The sandbox was not found");
      return;
    }
    LocalSandbox sandbox = found.get();
    String path = exchange.path();
    String method = exchange.method();

    if (port == CODE_INTERPRETER_PORT) {
      authorize(exchange, sandbox);
      interpreters.serve(exchange.raw(), sandbox);
      return;
    }
    if (port != ENVD_PORT) {
      edgeError(exchange, sandboxId, "The sandbox is running but port " + port + " is not open");
      return;
    }
    if (path.equals("/health") && method.equals("GET")) {
      FileRoutes.health(exchange);
      return;
    }
    if (path.equals("/files")) {
      String user = exchange.query("username").orElse("");
      if (!user.isEmpty() && !USERS.contains(user)) {
        throw new HttpError(401, "error looking up user '" + user + "': unknown user");
      }
      authorizeFiles(exchange, sandbox, method.equals("GET") ? "read" : "write", user);
      switch (method) {
        case "GET" -> FileRoutes.download(exchange, sandbox);
        case "POST" -> FileRoutes.upload(exchange, sandbox);
        default -> throw new HttpError(405, "method " + method + " is not allowed on /files");
      }
      return;
    }
    authorize(exchange, sandbox);
    if (path.startsWith("/process.Process/") || path.startsWith("/filesystem.Filesystem/")) {
      if (!method.equals("POST")) {
        throw new HttpError(405, "Connect calls use POST");
      }
      checkUser(exchange);
      String rpc = path.substring(path.lastIndexOf('/') + 1);
      if (path.startsWith("/process.Process/")) {
        ProcessRpc.serve(rpc, exchange, sandbox);
      } else {
        FilesystemRpc.serve(rpc, exchange, sandbox);
      }
      return;
    }
    switch (path) {
      case "/envs" -> FileRoutes.envs(exchange, sandbox);
      case "/metrics" -> FileRoutes.metrics(exchange, sandbox);
      default -> throw new HttpError(404, "no envd route " + method + " " + path);
    }
  }

  /** Every envd route but /health and /files needs the sandbox's token when it has one. */
  private static void authorize(EnvdExchange exchange, LocalSandbox sandbox) {
    Optional<String> token = sandbox.accessToken();
    if (token.isEmpty()) {
      return;
    }
    Optional<String> given = exchange.header("X-Access-Token");
    if (given.isEmpty() || !equalSecrets(given.get(), token.get())) {
      throw new HttpError(401, UNAUTHORIZED);
    }
  }

  private static void authorizeFiles(
      EnvdExchange exchange, LocalSandbox sandbox, String operation, String user) {
    Optional<String> token = sandbox.accessToken();
    if (token.isEmpty()) {
      return;
    }
    Optional<String> given = exchange.header("X-Access-Token");
    if (given.isPresent()) {
      if (!equalSecrets(given.get(), token.get())) {
        throw new HttpError(401, "access token present in header but does not match");
      }
      return;
    }
    String signature =
        exchange
            .query("signature")
            .orElseThrow(() -> new HttpError(401, "missing signature query parameter"));
    Optional<Long> expiration;
    try {
      expiration =
          exchange.query("signature_expiration").filter(v -> !v.isEmpty()).map(Long::parseLong);
    } catch (NumberFormatException e) {
      throw new HttpError(401, "invalid signature expiration");
    }
    if (expiration.isPresent() && expiration.get() < System.currentTimeMillis() / 1000) {
      throw new HttpError(401, "signature is already expired");
    }
    String expected =
        FileSignature.sign(
            exchange.query("path").orElse(""), operation, user, token.get(), expiration);
    if (!FileSignature.matches(signature, expected)) {
      throw new HttpError(401, "invalid signature");
    }
  }

  /**
   * The Basic-auth user of a Connect call: absent → the default user; unknown → unauthenticated.
   */
  private static void checkUser(EnvdExchange exchange) {
    Optional<String> header = exchange.header("Authorization");
    if (header.isEmpty() || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
      return;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.get().substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ConnectError(ConnectCode.UNAUTHENTICATED, "invalid Basic authorization header");
    }
    int colon = decoded.indexOf(':');
    String user = colon < 0 ? decoded : decoded.substring(0, colon);
    if (!USERS.contains(user)) {
      throw new ConnectError(ConnectCode.UNAUTHENTICATED, "invalid username: '" + user + "'");
    }
  }

  private static boolean equalSecrets(String given, String expected) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  /** The edge's answer for a missing sandbox or a closed port: 502 with a JSON body. */
  private static void edgeError(EnvdExchange exchange, String sandboxId, String message)
      throws IOException {
    JsonObject body = new JsonObject();
    body.addProperty("sandboxId", sandboxId);
    body.addProperty("message", message);
    body.addProperty("code", 502);
    exchange.send(502, EnvdExchange.JSON, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void answer(
      EnvdExchange exchange, int status, String message, Optional<ConnectError> connect) {
    if (exchange == null || exchange.hasStarted()) {
      return; // nothing more can be said: the answer is already on its way
    }
    try {
      if (connect.isPresent()) {
        exchange.unaryError(connect.get());
      } else {
        exchange.httpError(status, message);
      }
    } catch (IOException | RuntimeException ignored) {
      // the client is gone
    }
  }

  private static int port(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger numbers = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + numbers.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
