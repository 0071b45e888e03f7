package dev.sandbox4j.local.internal.interpreter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The code interpreter of one sandbox: its contexts, each a persistent kernel process (python3, or
 * javascript through node), started through the sandbox's {@link KernelLauncher}.
 *
 * <p>A default context per language is created on first use, in {@value
 * HostKernelLauncher#SANDBOX_HOME}. {@link CodeInterpreterHttp} serves it over HTTP. The sandbox
 * runtime freezes and thaws the kernels with the sandbox ({@link #processes()}, {@link #pause()},
 * {@link #resume()}) and {@linkplain #close() closes} the interpreter when the sandbox ends.
 */
public final class CodeInterpreter implements AutoCloseable {

  private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
  private static final long EXIT_POLL_MILLIS = 5;

  private final KernelLauncher launcher;
  private final InterpreterSettings settings;
  private final ActiveClock clock = new ActiveClock();
  private final Map<String, CodeContext> contexts = new LinkedHashMap<>(); // guarded by this
  private final Map<KernelLanguage, CodeContext> defaults = new EnumMap<>(KernelLanguage.class);
  private final Map<KernelLanguage, Object> defaultCreation = new EnumMap<>(KernelLanguage.class);
  private boolean closed; // guarded by this

  /** An interpreter with {@link InterpreterSettings#defaults()}. */
  public CodeInterpreter(KernelLauncher launcher) {
    this(launcher, InterpreterSettings.defaults());
  }

  /** An interpreter that starts its kernels with {@code launcher}; none runs until needed. */
  public CodeInterpreter(KernelLauncher launcher, InterpreterSettings settings) {
    this.launcher = launcher;
    this.settings = settings;
    for (KernelLanguage language : KernelLanguage.values()) {
      defaultCreation.put(language, new Object());
    }
  }

  InterpreterSettings settings() {
    return settings;
  }

  ActiveClock clock() {
    return clock;
  }

  /** Creates a context with a running kernel. */
  CodeContext create(KernelLanguage language, String cwd) throws KernelStartException {
    ensureOpen();
    Kernel kernel = startKernel(language, cwd);
    CodeContext context =
        new CodeContext(UUID.randomUUID().toString(), language, cwd, kernel, this::startKernel);
    synchronized (this) {
      if (!closed) {
        contexts.put(context.id(), context);
        return context;
      }
    }
    kernel.destroy();
    throw closedError();
  }

  /** The language's default context, created (with its kernel) on first use. */
  CodeContext defaultContext(KernelLanguage language) throws KernelStartException {
    synchronized (defaultCreation.get(language)) {
      synchronized (this) {
        CodeContext existing = defaults.get(language);
        if (existing != null && contexts.containsKey(existing.id())) {
          return existing;
        }
      }
      CodeContext created = create(language, HostKernelLauncher.SANDBOX_HOME);
      synchronized (this) {
        defaults.put(language, created);
      }
      return created;
    }
  }

  synchronized Optional<CodeContext> context(String id) {
    return Optional.ofNullable(contexts.get(id));
  }

  /** Every context, oldest first. */
  synchronized List<CodeContext> contexts() {
    return List.copyOf(contexts.values());
  }

  /** Removes a context and ends its kernel; false if there is no such context. */
  boolean remove(String id) {
    CodeContext removed;
    synchronized (this) {
      removed = contexts.remove(id);
    }
    if (removed == null) {
      return false;
    }
    removed.end(Kernel.Abandonment.REMOVED);
    return true;
  }

  /**
   * The kernel processes of every context and the processes they started, for the runtime to freeze
   * ({@code SIGSTOP}) when the sandbox pauses and continue ({@code SIGCONT}) on resume.
   */
  public List<ProcessHandle> processes() {
    List<ProcessHandle> all = new ArrayList<>();
    for (CodeContext context : contexts()) {
      all.addAll(context.processes());
    }
    return all;
  }

  /**
   * Stops counting execution time, for a sandbox being paused: the kernels are frozen, and the time
   * they spend frozen must not make their executions time out. Call it before freezing.
   */
  public void pause() {
    clock.pause();
  }

  /** Counts execution time again; call it after the kernels were continued. */
  public void resume() {
    clock.resume();
  }

  /**
   * Ends every kernel and every process a kernel started, and waits (a few seconds at most) until
   * they have exited. Executions still running report {@code ExecutionAborted}; new requests fail.
   */
  @Override
  public void close() {
    List<CodeContext> ending;
    synchronized (this) {
      closed = true;
      ending = new ArrayList<>(contexts.values());
      contexts.clear();
      defaults.clear();
    }
    List<ProcessHandle> processes = new ArrayList<>();
    for (CodeContext context : ending) {
      processes.addAll(context.processes());
      context.end(Kernel.Abandonment.CLOSED);
    }
    awaitExit(processes);
  }

  /**
   * Waits until every process has exited. Polled: the JDK learns of the exit of a process that is
   * not its own child (a kernel's children) only by polling, and slowly.
   */
  private static void awaitExit(List<ProcessHandle> processes) {
    long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
    try {
      while (processes.stream().anyMatch(ProcessHandle::isAlive)
          && System.nanoTime() - deadline < 0) {
        Thread.sleep(EXIT_POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Kernel startKernel(KernelLanguage language, String cwd) throws KernelStartException {
    ensureOpen();
    return Kernel.start(
        launcher, language, settings.command(language), cwd, settings.startTimeout());
  }

  private synchronized void ensureOpen() throws KernelStartException {
    if (closed) {
      throw closedError();
    }
  }

  private static KernelStartException closedError() {
    return new KernelStartException("The sandbox's code interpreter was shut down");
  }
}
