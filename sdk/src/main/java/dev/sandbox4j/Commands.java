package dev.sandbox4j;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.sandbox4j.errors.NotFoundException;
import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.errors.SandboxProtocolException;
import dev.sandbox4j.internal.Args;
import dev.sandbox4j.internal.CallScope;
import dev.sandbox4j.internal.ConnectStream;
import dev.sandbox4j.internal.DataPlaneStatus.Route;
import dev.sandbox4j.internal.EnvdVersion;
import dev.sandbox4j.internal.Operation;
import dev.sandbox4j.internal.ProtoJson;
import dev.sandbox4j.internal.SandboxTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs commands in a sandbox ({@code sandbox.commands()}): in the foreground ({@link #run}), in the
 * background ({@link #start}), and manages running ones by pid. Commands run as {@code /bin/bash -l
 * -c <command>}. Thread-safe.
 */
public final class Commands {
  private static final String PROCESS = "process.Process/";

  private static final Operation START =
      Operation.unsafe(
          "start command in sandbox",
          "the command may have started anyway: commands().list() shows it");
  private static final Operation CONNECT = Operation.safe("connect to command in sandbox");
  private static final Operation LIST = Operation.safe("list commands in sandbox");

  /** Input sent twice would reach the process twice. */
  private static final Operation SEND_STDIN =
      Operation.unsafe(
          "send stdin to command in sandbox", "the input may have reached the command anyway");

  private static final Operation CLOSE_STDIN = Operation.safe("close stdin of command in sandbox");
  private static final Operation KILL = Operation.safe("kill command in sandbox");

  private final SandboxTransport transport;

  Commands(SandboxTransport transport) {
    this.transport = transport;
  }

  /**
   * Runs a command and waits for it, with the default options (60 s limit).
   *
   * @param command the shell command line
   * @return the result of a zero exit
   * @throws dev.sandbox4j.errors.CommandExitException when it exits with a non-zero code
   */
  public CommandResult run(String command) {
    return run(command, CommandOptions.defaults());
  }

  /**
   * Runs a command and waits for it.
   *
   * @param command the shell command line
   * @param options directory, environment, user, time limit, callbacks
   * @return the result of a zero exit
   * @throws dev.sandbox4j.errors.CommandExitException when it exits with a non-zero code
   * @throws dev.sandbox4j.errors.SandboxTimeoutException when the time limit ran out
   * @throws dev.sandbox4j.errors.InvalidArgumentException when the daemon refused it (e.g. the
   *     working directory does not exist)
   */
  public CommandResult run(String command, CommandOptions options) {
    CommandHandle handle = start(command, options);
    try {
      return handle.waitFor();
    } finally {
      if (Thread.currentThread().isInterrupted()) {
        // An interrupt ends this call's stream, as it ends every call on the wire; the
        // command itself runs on until its time limit, as after disconnect().
        handle.disconnect();
      }
    }
  }

  /**
   * Runs a command without blocking the caller; cancelling the future stops reading the command's
   * output (the command itself runs on until its time limit or a kill).
   *
   * @param command the shell command line
   * @param options directory, environment, user, time limit, callbacks
   * @return the future result; it fails as {@link #run(String, CommandOptions)} throws
   */
  public CompletableFuture<CommandResult> runAsync(String command, CommandOptions options) {
    Args.nonNull(command, "command");
    Args.nonNull(options, "options");
    return transport.http().cancellableAsync(scope -> start(command, options, scope).waitFor());
  }

  /**
   * Starts a command in the background with the default options and returns once it runs. Note the
   * default 60 s limit: use {@link CommandOptions.Builder#timeout(Duration) timeout(Duration.ZERO)}
   * for a command that should outlive it.
   *
   * @param command the shell command line
   * @return a handle on the running command
   */
  public CommandHandle start(String command) {
    return start(command, CommandOptions.defaults());
  }

  /**
   * Starts a command in the background and returns once the daemon reports its pid.
   *
   * @param command the shell command line
   * @param options directory, environment, user, time limit, stdin, callbacks
   * @return a handle on the running command
   */
  public CommandHandle start(String command, CommandOptions options) {
    return start(command, options, null);
  }

  private CommandHandle start(String command, CommandOptions options, CallScope scope) {
    Args.nonNull(command, "command");
    Args.nonNull(options, "options");
    JsonObject process = new JsonObject();
    process.addProperty("cmd", "/bin/bash");
    JsonArray args = new JsonArray();
    args.add("-l");
    args.add("-c");
    args.add(command);
    process.add("args", args);
    if (!options.envs().isEmpty()) {
      JsonObject envs = new JsonObject();
      options.envs().forEach(envs::addProperty);
      process.add("envs", envs);
    }
    options.cwd().ifPresent(cwd -> process.addProperty("cwd", cwd));
    JsonObject body = new JsonObject();
    body.add("process", process);
    // Always sent, as the official SDK does (older daemons ignore it and open stdin).
    body.addProperty("stdin", options.stdin());
    String user = transport.effectiveUser(options.user().orElse(null));
    ConnectStream stream =
        transport.stream(
            START,
            PROCESS + "Start",
            body,
            user,
            Route.PROCESS_RPC,
            options.timeout(),
            options.requestTimeout().orElse(null),
            timeoutHint(options.timeout()),
            scope);
    return attach(stream, START, options);
  }

  /**
   * Attaches to a running command: its output from now on (earlier output is not replayed).
   *
   * @param pid the process id
   * @param options the time limit of the attachment, and the callbacks
   * @return a handle on the command
   * @throws NotFoundException when no such process runs
   */
  public CommandHandle connect(int pid, CommandOptions options) {
    Args.nonNull(options, "options");
    JsonObject body = new JsonObject();
    body.add("process", selector(pid));
    ConnectStream stream =
        transport.stream(
            CONNECT,
            PROCESS + "Connect",
            body,
            null,
            Route.PROCESS_RPC,
            options.timeout(),
            options.requestTimeout().orElse(null),
            timeoutHint(options.timeout()),
            null);
    return attach(stream, CONNECT, options);
  }

  /**
   * Attaches to a running command with the default options.
   *
   * @param pid the process id
   * @return a handle on the command
   */
  public CommandHandle connect(int pid) {
    return connect(pid, CommandOptions.defaults());
  }

  /** Reads the stream's first event, which must be the start event with the pid. */
  private CommandHandle attach(ConnectStream stream, Operation operation, CommandOptions options) {
    int pid;
    try {
      JsonObject first =
          stream.first(
              options.requestTimeout().orElse(transport.http().settings().requestTimeout()));
      JsonObject event = first == null ? null : ProtoJson.object(first, "event");
      if (event == null || !ProtoJson.has(event, "start")) {
        throw new SandboxProtocolException(
            operation.description()
                + " "
                + transport.sandboxId()
                + " failed: the stream did not begin with a start event",
            null,
            1);
      }
      pid = (int) ProtoJson.int64(ProtoJson.object(event, "start"), "pid");
    } catch (Exception e) {
      stream.close();
      throw transport.mapFailure(operation, e);
    }
    CommandHandle handle =
        new CommandHandle(pid, this, transport, stream, operation, options.timeout(), options);
    handle.startReading();
    return handle;
  }

  static String timeoutHint(Duration timeout) {
    return timeout.isZero()
        ? "the stream's connection went quiet"
        : "the command's time limit of "
            + timeout
            + " ran out and the sandbox killed it; set"
            + " CommandOptions.builder().timeout(Duration.ZERO) for a command that should outlive"
            + " it";
  }

  /**
   * Lists the processes running in the sandbox.
   *
   * @return the processes
   */
  public List<ProcessInfo> list() {
    JsonObject answer =
        transport.unary(LIST, PROCESS + "List", new JsonObject(), null, Route.PROCESS_RPC, null);
    List<ProcessInfo> result = new ArrayList<>();
    for (JsonObject info : ProtoJson.objects(answer.get("processes"))) {
      JsonObject config = ProtoJson.object(info, "config");
      result.add(
          new ProcessInfo(
              (int) ProtoJson.int64(info, "pid"),
              ProtoJson.string(info, "tag").orElse(null),
              ProtoJson.text(config, "cmd"),
              ProtoJson.strings(config, "args"),
              ProtoJson.stringMap(config, "envs"),
              ProtoJson.string(config, "cwd").orElse(null)));
    }
    return result;
  }

  /**
   * Kills a process (SIGKILL).
   *
   * @param pid the process id
   * @return true if it was killed, false if no such process ran
   */
  public boolean kill(int pid) {
    JsonObject body = new JsonObject();
    body.add("process", selector(pid));
    body.addProperty("signal", "SIGNAL_SIGKILL");
    try {
      transport.unary(KILL, PROCESS + "SendSignal", body, null, Route.PROCESS_RPC, null);
      return true;
    } catch (NotFoundException gone) {
      return false;
    }
  }

  /**
   * Writes text (as UTF-8) to a process's stdin.
   *
   * @param pid the process id
   * @param data the text
   */
  public void sendStdin(int pid, String data) {
    sendStdin(pid, Args.nonNull(data, "data").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes bytes to a process's stdin; it must have been started with stdin open.
   *
   * @param pid the process id
   * @param data the bytes
   */
  public void sendStdin(int pid, byte[] data) {
    Args.nonNull(data, "data");
    JsonObject input = new JsonObject();
    input.addProperty("stdin", Base64.getEncoder().encodeToString(data));
    JsonObject body = new JsonObject();
    body.add("process", selector(pid));
    body.add("input", input);
    transport.unary(SEND_STDIN, PROCESS + "SendInput", body, null, Route.PROCESS_RPC, null);
  }

  /**
   * Closes a process's stdin (daemon 0.5.2 and later).
   *
   * @param pid the process id
   * @throws SandboxConfigurationException when the sandbox's daemon is too old for it
   */
  public void closeStdin(int pid) {
    if (!EnvdVersion.atLeast(transport.envdVersion(), EnvdVersion.CLOSE_STDIN)) {
      throw new SandboxConfigurationException(
          "closing stdin needs envd "
              + EnvdVersion.CLOSE_STDIN
              + " or later; sandbox "
              + transport.sandboxId()
              + " runs "
              + transport.envdVersion()
              + ": rebuild its template");
    }
    JsonObject body = new JsonObject();
    body.add("process", selector(pid));
    transport.unary(CLOSE_STDIN, PROCESS + "CloseStdin", body, null, Route.PROCESS_RPC, null);
  }

  private static JsonObject selector(int pid) {
    JsonObject selector = new JsonObject();
    selector.addProperty("pid", pid);
    return selector;
  }

  @Override
  public String toString() {
    return "Commands{sandboxId=" + transport.sandboxId() + "}";
  }
}
