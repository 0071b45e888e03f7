package dev.sandbox4j.local.internal.envd;

import com.sun.net.httpserver.HttpExchange;
import dev.sandbox4j.local.internal.interpreter.ClientIoDeadline;
import dev.sandbox4j.local.internal.interpreter.CodeInterpreter;
import dev.sandbox4j.local.internal.interpreter.CodeInterpreterHttp;
import dev.sandbox4j.local.internal.interpreter.KernelLauncher;
import dev.sandbox4j.local.internal.runtime.Failure;
import dev.sandbox4j.local.internal.runtime.LocalSandbox;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Port 49999 of every sandbox: one code interpreter per sandbox, created on its first request,
 * whose kernels run in the sandbox like its commands. The interpreter's clock stops while the
 * sandbox is paused (its kernels are frozen with the sandbox's other processes), and it ends with
 * the sandbox.
 */
final class SandboxInterpreters {

  private final Map<LocalSandbox, CodeInterpreterHttp> servers = new ConcurrentHashMap<>();
  private final ClientIoDeadline deadline;

  SandboxInterpreters(ClientIoDeadline deadline) {
    this.deadline = deadline;
  }

  /** Answers one request for {@code sandbox}'s interpreter and closes the exchange. */
  void serve(HttpExchange exchange, LocalSandbox sandbox) {
    CodeInterpreterHttp server = servers.computeIfAbsent(sandbox, this::open);
    deadline.start(); // bounds the body read; the interpreter stops it when the body is in
    server.handle(exchange, exchange.getRequestURI().getRawPath());
  }

  private CodeInterpreterHttp open(LocalSandbox sandbox) {
    CodeInterpreter interpreter = new CodeInterpreter(launcherIn(sandbox));
    sandbox.addPauseHooks(interpreter::pause, interpreter::resume);
    sandbox.addCloseHook(
        () -> {
          servers.remove(sandbox);
          interpreter.close();
        });
    return new CodeInterpreterHttp(interpreter, deadline);
  }

  /**
   * Kernels get the sandbox's environment (its create-time envVars included) under their own
   * variables, and the sandbox's confinement; a cwd that does not exist is an IOException, as the
   * interpreter expects.
   */
  static KernelLauncher launcherIn(LocalSandbox sandbox) {
    return (List<String> argv, Map<String, String> env, String cwd) -> {
      Map<String, String> environment = sandbox.environment();
      environment.putIfAbsent("LANG", "C.UTF-8");
      environment.putAll(env);
      try {
        return sandbox.launch(argv, environment, cwd);
      } catch (Failure f) {
        throw new IOException(f.getMessage(), f);
      }
    };
  }
}
