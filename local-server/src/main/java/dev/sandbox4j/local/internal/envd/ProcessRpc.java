package dev.sandbox4j.local.internal.envd;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.sandbox4j.local.internal.runtime.Failure;
import dev.sandbox4j.local.internal.runtime.LocalSandbox;
import dev.sandbox4j.local.internal.runtime.SandboxProcess;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** envd's {@code process.Process} service over Connect JSON, on one sandbox's runtime. */
final class ProcessRpc {

  private static final int MAX_REQUEST_BYTES = 16 << 20;
  private static final int SIGKILL = 9;
  private static final int SIGTERM = 15;

  private ProcessRpc() {}

  static void serve(String method, EnvdExchange exchange, LocalSandbox sandbox) throws IOException {
    switch (method) {
      case "Start" ->
          Connect.stream(exchange, MAX_REQUEST_BYTES, request -> start(exchange, sandbox, request));
      case "Connect" ->
          Connect.stream(
              exchange, MAX_REQUEST_BYTES, request -> connect(exchange, sandbox, request));
      case "List" -> Connect.unary(exchange, MAX_REQUEST_BYTES, request -> list(sandbox));
      case "SendInput" ->
          Connect.unary(exchange, MAX_REQUEST_BYTES, request -> sendInput(sandbox, request));
      case "SendSignal" ->
          Connect.unary(exchange, MAX_REQUEST_BYTES, request -> sendSignal(sandbox, request));
      case "CloseStdin" ->
          Connect.unary(exchange, MAX_REQUEST_BYTES, request -> closeStdin(sandbox, request));
      case "Update" ->
          Connect.unary(
              exchange,
              MAX_REQUEST_BYTES,
              request -> {
                throw ptyUnsupported();
              });
      case "StreamInput" ->
          throw new ConnectError(
              ConnectCode.UNIMPLEMENTED,
              "StreamInput (client streaming) is not supported; use SendInput");
      default ->
          throw new ConnectError(
              ConnectCode.UNIMPLEMENTED, "process.Process/" + method + " is not implemented");
    }
  }

  private static Optional<ConnectError> start(
      EnvdExchange exchange, LocalSandbox sandbox, JsonObject request) throws IOException {
    if (Messages.field(request, "pty").isPresent()) {
      return Optional.of(ptyUnsupported());
    }
    JsonObject process = Messages.object(request, "process");
    SandboxProcess.Config config =
        new SandboxProcess.Config(
            Messages.string(process, "cmd"),
            Messages.strings(process, "args"),
            Messages.stringMap(process, "envs"),
            Messages.optionalString(process, "cwd").orElse(""));
    if (config.cmd().isEmpty()) {
      return Optional.of(
          new ConnectError(ConnectCode.INVALID_ARGUMENT, "process.cmd must not be empty"));
    }
    StreamTiming timing = StreamTiming.of(exchange);
    AtomicReference<SandboxProcess.Subscription> subscription = new AtomicReference<>();
    SandboxProcess started;
    try {
      started =
          sandbox.start(
              config,
              Messages.optionalString(request, "tag"),
              Messages.bool(request, "stdin", true),
              timing.timeout(),
              subscription::set);
    } catch (Failure failure) {
      return Optional.of(ConnectError.of(failure));
    }
    try (SandboxProcess.Subscription events = subscription.get()) {
      exchange.envelope(event("start", pid(started.pid())));
      // The stream lasts as long as the process: its deadline kills it, and then the end arrives.
      boolean ended = relay(exchange, events, Long.MAX_VALUE, timing);
      if (ended && started.deadlinePassed()) {
        return Optional.of(
            new ConnectError(
                ConnectCode.DEADLINE_EXCEEDED,
                "the process's deadline (Connect-Timeout-Ms) passed; it was killed"));
      }
      return Optional.empty();
    }
  }

  private static Optional<ConnectError> connect(
      EnvdExchange exchange, LocalSandbox sandbox, JsonObject request) throws IOException {
    StreamTiming timing = StreamTiming.of(exchange);
    long deadline = timing.deadlineNanos(System.nanoTime());
    SandboxProcess process;
    try {
      process = select(sandbox, request);
    } catch (Failure failure) {
      return Optional.of(ConnectError.of(failure));
    }
    try (SandboxProcess.Subscription events = process.subscribe()) {
      exchange.envelope(event("start", pid(process.pid())));
      if (!relay(exchange, events, deadline, timing)) {
        return Optional.of(
            new ConnectError(
                ConnectCode.DEADLINE_EXCEEDED,
                "the stream's deadline (Connect-Timeout-Ms) passed"));
      }
      return Optional.empty();
    }
  }

  /**
   * Sends output, keepalives and the end as they come; true once the end was sent, false when the
   * stream's own deadline passed first.
   */
  private static boolean relay(
      EnvdExchange exchange,
      SandboxProcess.Subscription events,
      long deadlineNanos,
      StreamTiming timing)
      throws IOException {
    long keepaliveNanos = timing.keepalive().toNanos();
    long lastSent = System.nanoTime();
    while (true) {
      long now = System.nanoTime();
      if (now >= deadlineNanos) {
        return false;
      }
      long wait = Math.min(lastSent + keepaliveNanos - now, deadlineNanos - now);
      SandboxProcess.Event next;
      try {
        next = events.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("the server is closing");
      }
      if (next == null) {
        if (System.nanoTime() - lastSent >= keepaliveNanos) {
          exchange.envelope(event("keepalive", new JsonObject()));
          lastSent = System.nanoTime();
        }
        continue;
      }
      if (next instanceof SandboxProcess.Output output) {
        JsonObject data = new JsonObject();
        data.addProperty(output.stderr() ? "stderr" : "stdout", Messages.base64(output.bytes()));
        exchange.envelope(event("data", data));
        lastSent = System.nanoTime();
      } else if (next instanceof SandboxProcess.End end) {
        JsonObject json = new JsonObject();
        if (end.exitCode() != 0) {
          json.addProperty("exitCode", end.exitCode());
        }
        if (end.exited()) {
          json.addProperty("exited", true);
        }
        json.addProperty("status", end.status());
        end.error().ifPresent(error -> json.addProperty("error", error));
        exchange.envelope(event("end", json));
        return true;
      }
    }
  }

  private static JsonObject list(LocalSandbox sandbox) {
    JsonArray processes = new JsonArray();
    for (SandboxProcess process : sandbox.commands()) {
      JsonObject config = new JsonObject();
      config.addProperty("cmd", process.config().cmd());
      JsonArray args = new JsonArray();
      process.config().args().forEach(args::add);
      config.add("args", args);
      JsonObject envs = new JsonObject();
      process.config().envs().forEach(envs::addProperty);
      config.add("envs", envs);
      if (!process.config().cwd().isEmpty()) {
        config.addProperty("cwd", process.config().cwd());
      }
      JsonObject info = new JsonObject();
      info.add("config", config);
      info.addProperty("pid", process.pid());
      process.tag().ifPresent(tag -> info.addProperty("tag", tag));
      processes.add(info);
    }
    return Messages.wrap("processes", processes);
  }

  private static JsonObject sendInput(LocalSandbox sandbox, JsonObject request) {
    SandboxProcess process = select(sandbox, request);
    JsonObject input = Messages.object(request, "input");
    if (Messages.field(input, "pty").isPresent()) {
      throw ptyUnsupported();
    }
    process.writeStdin(Messages.bytes(input, "stdin"));
    return new JsonObject();
  }

  private static JsonObject sendSignal(LocalSandbox sandbox, JsonObject request) {
    SandboxProcess process = select(sandbox, request);
    String signal =
        Messages.field(request, "signal").map(v -> v.getAsString()).orElse("SIGNAL_UNSPECIFIED");
    switch (signal) {
      case "SIGNAL_SIGKILL", "9" -> process.signal(SIGKILL);
      case "SIGNAL_SIGTERM", "15" -> process.signal(SIGTERM);
      default -> throw new ConnectError(ConnectCode.UNIMPLEMENTED, "invalid signal: " + signal);
    }
    return new JsonObject();
  }

  private static JsonObject closeStdin(LocalSandbox sandbox, JsonObject request) {
    select(sandbox, request).closeStdin();
    return new JsonObject();
  }

  private static SandboxProcess select(LocalSandbox sandbox, JsonObject request) {
    JsonObject selector = Messages.object(request, "process");
    if (Messages.field(selector, "pid").isPresent()) {
      return sandbox.command(Messages.number(selector, "pid", 0));
    }
    if (Messages.field(selector, "tag").isPresent()) {
      return sandbox.command(Messages.string(selector, "tag"));
    }
    throw new ConnectError(ConnectCode.INVALID_ARGUMENT, "process selector needs a pid or a tag");
  }

  private static ConnectError ptyUnsupported() {
    return new ConnectError(
        ConnectCode.UNIMPLEMENTED,
        "PTY is not supported by the sandbox4j local server; run commands without a PTY");
  }

  private static JsonObject pid(long pid) {
    JsonObject json = new JsonObject();
    json.addProperty("pid", pid);
    return json;
  }

  private static JsonObject event(String kind, JsonObject body) {
    return Messages.wrap("event", Messages.wrap(kind, body));
  }
}
