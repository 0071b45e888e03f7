package dev.sandbox4j.local.internal.runtime;

import dev.sandbox4j.local.Isolation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Runs the sandboxes of one local server on this machine. A sandbox gets its directory (under a
 * temporary directory of the server) the first time the data plane addresses it, and follows the
 * control plane from then on: {@link #reconcile()} (after every control-plane request, and once a
 * second for lifetimes that end on their own) pauses, resumes and ends it as its record says.
 * {@link #close()} ends every sandbox and deletes the server's directory.
 */
public final class SandboxRuntime implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SandboxRuntime.class.getName());
  private static final AtomicInteger RUNTIME_NUMBERS = new AtomicInteger();
  private static volatile boolean warnedUnisolated;

  private final RuntimeOptions options;
  private final SandboxDirectory directory;
  private final Isolation isolation;
  private Path base; // created with the first sandbox
  private final String cgroupPrefix;
  private final ExecutorService threads;
  private final ScheduledExecutorService timer;
  private final Map<String, LocalSandbox> sandboxes = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Prepares the runtime; no process starts until a sandbox is used.
   *
   * @throws IllegalStateException when bubblewrap was required and does not work here
   */
  public SandboxRuntime(RuntimeOptions options, SandboxDirectory directory) {
    this.options = options;
    this.directory = directory;
    this.isolation = resolve(options.isolation());
    int number = RUNTIME_NUMBERS.incrementAndGet();
    this.cgroupPrefix = "sandbox4j-" + ProcessHandle.current().pid() + "-" + number + "-";
    this.threads =
        Executors.newCachedThreadPool(daemonThreads("sandbox4j-runtime-" + number + "-"));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            daemonThreads("sandbox4j-runtime-" + number + "-timer-"));
  }

  private static Isolation resolve(Isolation requested) {
    return switch (requested) {
      case NONE -> Isolation.NONE;
      case BWRAP -> {
        if (!Confinement.bubblewrapWorks()) {
          throw new IllegalStateException(
              "isolation bwrap was requested, but bubblewrap (bwrap) is not installed or cannot"
                  + " create namespaces here; install the 'bubblewrap' package or use isolation"
                  + " auto or none");
        }
        yield Isolation.BWRAP;
      }
      case AUTO -> {
        if (Confinement.bubblewrapWorks()) {
          yield Isolation.BWRAP;
        }
        if (!warnedUnisolated) {
          warnedUnisolated = true;
          LOG.warning(
              "sandbox4j local server: bubblewrap (bwrap) is not available, so commands in"
                  + " sandboxes run UNISOLATED on this machine as the current user; only /home/user"
                  + " is mapped. Install the 'bubblewrap' package to isolate them.");
        }
        yield Isolation.NONE;
      }
    };
  }

  /** The isolation sandboxes actually get (AUTO resolved). */
  public Isolation isolation() {
    return isolation;
  }

  /** Whether this machine lets the server cap a sandbox's processes (a writable pid cgroup). */
  public static boolean canLimitProcesses() {
    Optional<PidLimit> probe =
        PidLimit.create(
            "sandbox4j-" + ProcessHandle.current().pid() + "-probe",
            RuntimeOptions.DEFAULT_MAX_PROCESSES);
    probe.ifPresent(PidLimit::remove);
    return probe.isPresent();
  }

  /** What the control plane says of a sandbox now (empty: it does not exist). */
  public Optional<SandboxRecord> record(String sandboxId) {
    return directory.find(sandboxId);
  }

  /**
   * Returns the runtime of a running sandbox, creating its directory on first use; empty when the
   * sandbox does not exist or is paused.
   */
  public Optional<LocalSandbox> running(String sandboxId) {
    Optional<SandboxRecord> found = directory.find(sandboxId);
    if (found.isEmpty() || !found.get().running() || closed) {
      return Optional.empty();
    }
    synchronized (this) {
      if (closed) {
        return Optional.empty();
      }
      LocalSandbox sandbox = sandboxes.get(sandboxId);
      if (sandbox == null) {
        sandbox = open(found.get());
        sandboxes.put(sandboxId, sandbox);
      } else {
        sandbox.update(found.get());
      }
      return Optional.of(sandbox);
    }
  }

  /** Brings every sandbox in line with the control plane: pause, resume, or end. */
  public synchronized void reconcile() {
    for (LocalSandbox sandbox : List.copyOf(sandboxes.values())) {
      Optional<SandboxRecord> found = directory.find(sandbox.sandboxId());
      if (found.isEmpty()) {
        sandboxes.remove(sandbox.sandboxId());
        sandbox.close();
      } else {
        sandbox.update(found.get());
      }
    }
  }

  /** How many sandboxes have a directory on this machine now. */
  public int activeSandboxes() {
    return sandboxes.size();
  }

  /** The directory holding every sandbox's directory, once a sandbox was used (for tests). */
  public synchronized Optional<Path> baseDirectory() {
    return Optional.ofNullable(base);
  }

  /** Ends every sandbox and deletes the server's directory. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      for (LocalSandbox sandbox : sandboxes.values()) {
        sandbox.close();
      }
      sandboxes.clear();
    }
    timer.shutdownNow();
    threads.shutdownNow();
    if (base != null) {
      LocalSandbox.deleteTree(base);
    }
  }

  private LocalSandbox open(SandboxRecord record) {
    if (base == null) {
      try {
        base = Files.createTempDirectory("sandbox4j-local-");
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot create the sandboxes' directory: " + e.getMessage(), e);
      }
      // Lifetimes also end while no request comes: look once a second.
      // Ending a sandbox waits for its processes: not on the timer, which also runs deadlines.
      timer.scheduleWithFixedDelay(
          () -> threads.execute(this::reconcileQuietly), 1, 1, TimeUnit.SECONDS);
    }
    Path root = base.resolve(record.sandboxId());
    Optional<PidLimit> limit =
        PidLimit.create(cgroupPrefix + record.sandboxId(), options.maxProcesses());
    try {
      return new LocalSandbox(
          record,
          root,
          base.resolve(".staging"),
          isolation,
          limit,
          options.diskQuotaBytes(),
          threads,
          timer);
    } catch (IOException e) {
      limit.ifPresent(PidLimit::remove);
      throw new Failure(
          Failure.Kind.INTERNAL, "cannot create the sandbox's directory: " + e.getMessage());
    }
  }

  private void reconcileQuietly() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      LOG.log(
          java.util.logging.Level.WARNING,
          "sandbox4j local server: reconciling sandboxes failed",
          e);
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
