package dev.sandbox4j.local.internal.interpreter;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One code context: a language, a working directory and the kernel that keeps its state.
 *
 * <p>Executions take turns (a fair lock, as the real server serialises them per context).
 * Restarting or removing does not wait for them: the running one reports the restart or removal as
 * its error. A kernel that died, or was killed after a timeout, is replaced by a fresh one at the
 * next execution.
 */
final class CodeContext {

  /** Starts kernels for this context. */
  @FunctionalInterface
  interface KernelStarter {
    Kernel start(KernelLanguage language, String cwd) throws KernelStartException;
  }

  private static final Duration KERNEL_EXIT_WAIT = Duration.ofSeconds(2);

  private final String id;
  private final KernelLanguage language;
  private final String cwd;
  private final KernelStarter starter;
  private final ReentrantLock turns = new ReentrantLock(true);
  private Kernel kernel; // guarded by this; null until needed again
  private boolean removed; // guarded by this

  CodeContext(
      String id, KernelLanguage language, String cwd, Kernel kernel, KernelStarter starter) {
    this.id = id;
    this.language = language;
    this.cwd = cwd;
    this.kernel = kernel;
    this.starter = starter;
  }

  String id() {
    return id;
  }

  KernelLanguage language() {
    return language;
  }

  String cwd() {
    return cwd;
  }

  /** The context as {@code GET /contexts} lists it. */
  JsonObject toJson() {
    JsonObject json = new JsonObject();
    json.addProperty("id", id);
    json.addProperty("language", language.wireName());
    json.addProperty("cwd", cwd);
    return json;
  }

  /**
   * Runs code after the executions before it, relaying its output to {@code sink}.
   *
   * @param timeout {@link Duration#ZERO} for no limit
   * @throws IOException only if the sink fails on a line this method writes itself
   */
  void execute(
      String code,
      Map<String, String> envVars,
      Duration timeout,
      ExecutionSink sink,
      InterpreterSettings settings,
      ActiveClock clock)
      throws IOException {
    try {
      turns.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sink.error("ExecutionAborted", "The execution was aborted while waiting for its turn", "");
      return;
    }
    try {
      Kernel current = kernelForExecution(sink);
      if (current == null) {
        return;
      }
      boolean usable =
          new KernelExecution(current, sink, timeout, settings, clock).run(code, envVars);
      if (!usable) {
        current.destroy();
        awaitExit(current); // the next execution never overlaps what is left of this kernel
        synchronized (this) {
          if (kernel == current) {
            kernel = null;
          }
        }
      }
    } finally {
      turns.unlock();
    }
  }

  private static void awaitExit(Kernel ended) {
    try {
      ended.awaitExit(KERNEL_EXIT_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The kernel to run on, started if needed; null (after an error line) if there is none. */
  private Kernel kernelForExecution(ExecutionSink sink) throws IOException {
    Kernel current;
    synchronized (this) {
      if (removed) {
        sink.error("ExecutionAborted", "Context " + id + " was removed", "");
        return null;
      }
      current = kernel;
    }
    if (current != null && current.isAlive()) {
      return current;
    }
    Kernel fresh;
    try {
      fresh = starter.start(language, cwd);
    } catch (KernelStartException e) {
      sink.error("KernelStartError", e.getMessage(), "");
      return null;
    }
    synchronized (this) {
      if (!removed && kernel == current) {
        kernel = fresh;
        if (current != null) {
          current.destroy();
        }
        return fresh;
      }
    }
    fresh.destroy(); // removed, or restarted meanwhile: use what the context has now
    return kernelForExecution(sink);
  }

  /**
   * Replaces the kernel with a fresh one (state lost); an execution still running reports {@code
   * ContextRestarting}. False if the context was removed meanwhile.
   */
  boolean restart() throws KernelStartException {
    Kernel fresh = starter.start(language, cwd);
    Kernel old;
    synchronized (this) {
      if (removed) {
        fresh.destroy();
        return false;
      }
      old = kernel;
      kernel = fresh;
    }
    if (old != null) {
      old.abandon(Kernel.Abandonment.RESTARTED);
    }
    return true;
  }

  /** Ends the context for good; an execution still running reports why. */
  void end(Kernel.Abandonment reason) {
    Kernel old;
    synchronized (this) {
      removed = true;
      old = kernel;
      kernel = null;
    }
    if (old != null) {
      old.abandon(reason);
    }
  }

  /** The processes of the context's kernel (empty when it has none running). */
  List<ProcessHandle> processes() {
    Kernel current;
    synchronized (this) {
      current = kernel;
    }
    return current == null ? List.of() : current.processes();
  }
}
