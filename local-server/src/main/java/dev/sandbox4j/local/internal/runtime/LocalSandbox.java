package dev.sandbox4j.local.internal.runtime;

import dev.sandbox4j.local.Isolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One sandbox on this machine: its directory, the commands running in it, its file watchers, and
 * the processes other parts of the server launched in it. Pausing stops every one of its processes
 * (SIGSTOP), resuming continues them (SIGCONT), closing kills them, runs the close hooks and
 * deletes the directory.
 *
 * <p>For a code interpreter or any long-lived helper: {@link #launch} starts a process confined
 * exactly like commands, and {@link #addCloseHook} runs code when the sandbox ends.
 */
public final class LocalSandbox {

  /** The most commands one sandbox runs at once; more are refused with resource_exhausted. */
  static final int MAX_COMMANDS = 1_000;

  private static final Logger LOG = Logger.getLogger(LocalSandbox.class.getName());
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private final String sandboxId;
  private final Path root;
  private final Path staging;
  private final SandboxPaths paths;
  private final Confinement confinement;
  private final Optional<PidLimit> pidLimit;
  private final long diskQuotaBytes;
  private final ExecutorService threads;
  private final ScheduledExecutorService timer;
  private final Map<Long, SandboxProcess> commands = new ConcurrentHashMap<>();
  private final List<Process> launched = new CopyOnWriteArrayList<>();
  private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();
  private final List<Runnable> pauseHooks = new CopyOnWriteArrayList<>();
  private final List<Runnable> resumeHooks = new CopyOnWriteArrayList<>();
  private final Map<String, DirectoryWatch> watchers = new ConcurrentHashMap<>();
  private final AtomicLong watcherNumbers = new AtomicLong();
  private final AtomicLong stagingNumbers = new AtomicLong();
  private volatile SandboxRecord record;
  private volatile boolean paused;
  private volatile boolean closed;

  LocalSandbox(
      SandboxRecord record,
      Path root,
      Path staging,
      Isolation isolation,
      Optional<PidLimit> pidLimit,
      long diskQuotaBytes,
      ExecutorService threads,
      ScheduledExecutorService timer)
      throws IOException {
    this.sandboxId = record.sandboxId();
    this.record = record;
    this.root = root;
    this.staging = staging;
    this.pidLimit = pidLimit;
    this.diskQuotaBytes = diskQuotaBytes;
    this.threads = threads;
    this.timer = timer;
    List<String> mapped = Confinement.mappedDirectories(isolation);
    this.paths = new SandboxPaths(root, mapped);
    for (String dir : mapped) {
      Files.createDirectories(paths.hostDirectory(dir));
    }
    this.confinement = new Confinement(isolation, paths, "sandbox-" + sandboxId, pidLimit);
  }

  public String sandboxId() {
    return sandboxId;
  }

  /** The isolation its processes run under. */
  public Isolation isolation() {
    return confinement.mode();
  }

  /** The sandbox's path resolution. */
  public SandboxPaths paths() {
    return paths;
  }

  /** The sandbox-wide environment variables. */
  public Map<String, String> envVars() {
    return record.envVars();
  }

  /**
   * The environment every process of the sandbox starts from, as envd builds it: the user's names
   * and the sandbox's {@code envVars} (PATH and HOME are added at launch when absent). A fresh,
   * mutable map.
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("USER", "user");
    env.put("LOGNAME", "user");
    env.putAll(record.envVars());
    return env;
  }

  /** The access token clients must send, when the sandbox was created secure. */
  public Optional<String> accessToken() {
    return record.accessToken();
  }

  /** Whether the sandbox's processes are stopped (the control plane paused it). */
  public boolean isPaused() {
    return paused;
  }

  public long diskQuotaBytes() {
    return diskQuotaBytes;
  }

  /** Bytes the sandbox's files take now (apparent sizes). */
  public long diskUsedBytes() {
    AtomicLong total = new AtomicLong();
    try (var walk = Files.walk(root)) {
      walk.forEach(
          p -> {
            try {
              if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                total.addAndGet(Files.size(p));
              }
            } catch (IOException e) {
              // vanished while walking
            }
          });
    } catch (IOException | java.io.UncheckedIOException e) {
      // a concurrent delete: the sum so far is good enough for a quota
    }
    return total.get();
  }

  /** A fresh file outside the sandbox's view, for an upload before it is complete. */
  public Path newStagingFile() throws IOException {
    Files.createDirectories(staging);
    return staging.resolve(sandboxId + "-" + stagingNumbers.incrementAndGet());
  }

  /**
   * Starts a command as envd's {@code Start} does.
   *
   * @param config what to run; {@code cwd} empty means home
   * @param first subscribed before the process produces anything (the Start stream)
   */
  public SandboxProcess start(
      SandboxProcess.Config config,
      Optional<String> tag,
      boolean withStdin,
      Optional<Duration> deadline,
      Consumer<SandboxProcess.Subscription> first) {
    requireOpen();
    if (commands.size() >= MAX_COMMANDS) {
      throw new Failure(
          Failure.Kind.RESOURCE_EXHAUSTED,
          "too many processes running in this sandbox (" + MAX_COMMANDS + ")");
    }
    String cwd = existingDirectory(config.cwd());
    Map<String, String> env = environment();
    env.putAll(config.envs());
    List<String> argv = new ArrayList<>();
    argv.add(config.cmd());
    argv.addAll(config.args());
    ProcessBuilder builder = confinement.builder(argv, env, cwd);
    try {
      SandboxProcess process =
          SandboxProcess.start(
              builder, config, tag, withStdin, deadline, threads, timer, this::forget, first);
      commands.put(process.pid(), process);
      if (!process.isAlive()) {
        commands.remove(process.pid());
      }
      return process;
    } catch (IOException e) {
      throw new Failure(
          Failure.Kind.INVALID_ARGUMENT, "cannot start '" + config.cmd() + "': " + e.getMessage());
    }
  }

  /**
   * Starts a long-lived process in this sandbox, confined like its commands (same namespaces,
   * mounts, pid limit), with exactly the given environment plus PATH and HOME when absent. The
   * process is stopped and continued with the sandbox and killed when it ends; the caller owns its
   * streams.
   *
   * @param argv the program and its arguments, as the sandbox sees them
   * @param env the environment
   * @param cwd the working directory, a sandbox path (empty means home); it must exist
   */
  public Process launch(List<String> argv, Map<String, String> env, String cwd) throws IOException {
    requireOpen();
    Process process = confinement.builder(argv, env, existingDirectory(cwd)).start();
    launched.add(process);
    process.onExit().thenRun(() -> launched.remove(process));
    return process;
  }

  /**
   * Runs {@code hook} when the sandbox is killed, expires or the server stops (before its files
   * go); at once if that already happened, so a helper created in a race with the end still ends.
   */
  public void addCloseHook(Runnable hook) {
    closeHooks.add(hook);
    if (closed && closeHooks.remove(hook)) { // whoever removes a hook runs it, exactly once
      runHooks(List.of(hook), "close");
    }
  }

  /**
   * Runs {@code beforePause} just before the sandbox's processes are stopped and {@code
   * afterResume} just after they are continued (a helper that measures time must not count the
   * frozen interval).
   */
  public void addPauseHooks(Runnable beforePause, Runnable afterResume) {
    pauseHooks.add(beforePause);
    resumeHooks.add(afterResume);
  }

  /** Live commands, in no particular order. */
  public Collection<SandboxProcess> commands() {
    return List.copyOf(commands.values());
  }

  /** Finds a live command by pid. */
  public SandboxProcess command(long pid) {
    SandboxProcess process = commands.get(pid);
    if (process == null) {
      throw new Failure(Failure.Kind.NOT_FOUND, "process with pid " + pid + " not found");
    }
    return process;
  }

  /** Finds a live command by tag. */
  public SandboxProcess command(String tag) {
    for (SandboxProcess process : commands.values()) {
      if (process.tag().filter(tag::equals).isPresent()) {
        return process;
      }
    }
    throw new Failure(Failure.Kind.NOT_FOUND, "process with tag " + tag + " not found");
  }

  /** Starts a watch of a sandbox directory; it is registered under an id until closed. */
  public Map.Entry<String, DirectoryWatch> watch(String sandboxPath, boolean recursive) {
    requireOpen();
    Path dir = paths.host(sandboxPath, true);
    if (!Files.exists(dir)) {
      throw new Failure(Failure.Kind.NOT_FOUND, "path '" + sandboxPath + "' not found");
    }
    if (!Files.isDirectory(dir)) {
      throw new Failure(
          Failure.Kind.INVALID_ARGUMENT, "path '" + sandboxPath + "' is not a directory");
    }
    String id = "w" + watcherNumbers.incrementAndGet();
    try {
      DirectoryWatch watch =
          DirectoryWatch.start(dir, recursive, threads, () -> watchers.remove(id));
      watchers.put(id, watch);
      return Map.entry(id, watch);
    } catch (IOException e) {
      throw new Failure(
          Failure.Kind.INTERNAL, "cannot watch '" + sandboxPath + "': " + e.getMessage());
    }
  }

  /** A watcher by id, as CreateWatcher returned it. */
  public DirectoryWatch watcher(String id) {
    DirectoryWatch watch = watchers.get(id);
    if (watch == null) {
      throw new Failure(Failure.Kind.NOT_FOUND, "watcher with id " + id + " not found");
    }
    return watch;
  }

  void update(SandboxRecord newRecord) {
    this.record = newRecord;
    if (!newRecord.running() && !paused) {
      paused = true;
      runHooks(pauseHooks, "pause");
      stopAll();
    } else if (newRecord.running() && paused) {
      paused = false;
      Signals.send(Signals.SIGCONT, allPids());
      runHooks(resumeHooks, "resume");
    }
  }

  private void runHooks(List<Runnable> hooks, String what) {
    for (Runnable hook : hooks) {
      try {
        hook.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a " + what + " hook of sandbox " + sandboxId + " failed", e);
      }
    }
  }

  /**
   * Stops every process, again and again while new ones appear: a process forked between finding
   * the processes and stopping its parent is caught by the next round.
   */
  private void stopAll() {
    Set<Long> stopped = new LinkedHashSet<>();
    for (int round = 0; round < 10; round++) {
      Set<Long> fresh = allPids();
      fresh.removeAll(stopped);
      if (fresh.isEmpty()) {
        return;
      }
      Signals.send(Signals.SIGSTOP, fresh);
      stopped.addAll(fresh);
    }
  }

  /** Kills every process, runs the close hooks and deletes the sandbox's directory. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Runnable> ending = new ArrayList<>();
    for (Runnable hook : closeHooks) {
      if (closeHooks.remove(hook)) {
        ending.add(hook);
      }
    }
    runHooks(ending, "close");
    watchers.values().forEach(DirectoryWatch::close);
    Set<Long> pids = allPids(); // before the commands die: their children are found through them
    for (SandboxProcess command : commands.values()) {
      command.signal(Signals.SIGKILL); // first, so that their end says "signal: killed"
    }
    launched.forEach(Process::destroyForcibly);
    Signals.send(Signals.SIGKILL, pids); // also what escaped the trees (daemons, reparented)
    awaitExits();
    pidLimit.ifPresent(PidLimit::remove);
    deleteTree(root);
  }

  private void awaitExits() {
    long until = System.nanoTime() + KILL_WAIT.toNanos();
    try {
      for (SandboxProcess command : commands.values()) {
        command.awaitEnd(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
      }
      for (Process process : launched) {
        process.waitFor(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Set<Long> allPids() {
    Set<Long> pids = new LinkedHashSet<>();
    pidLimit.ifPresent(limit -> pids.addAll(limit.pids()));
    for (SandboxProcess command : commands.values()) {
      command.tree().forEach(h -> pids.add(h.pid()));
    }
    for (Process process : launched) {
      pids.add(process.pid());
      process.descendants().forEach(h -> pids.add(h.pid()));
    }
    return pids;
  }

  private void forget(SandboxProcess process) {
    commands.remove(process.pid());
  }

  private String existingDirectory(String cwd) {
    String given = cwd == null ? "" : cwd;
    String resolved;
    try {
      resolved = paths.resolve(given);
    } catch (Failure outside) {
      throw new Failure(
          Failure.Kind.INVALID_ARGUMENT,
          "cwd '" + given + "' does not exist: " + outside.getMessage());
    }
    if (!Files.isDirectory(paths.host(resolved, true))) {
      throw new Failure(Failure.Kind.INVALID_ARGUMENT, "cwd '" + given + "' does not exist");
    }
    return resolved;
  }

  private void requireOpen() {
    if (closed) {
      throw new Failure(Failure.Kind.NOT_FOUND, "sandbox " + sandboxId + " is gone");
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      List<Path> all = walk.toList();
      for (Path p : all) {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          p.toFile().setWritable(true); // a command may have made it read-only
        }
      }
      for (int i = all.size() - 1; i >= 0; i--) {
        try {
          Files.deleteIfExists(all.get(i));
        } catch (IOException e) {
          // left in the server's temporary directory, which goes last
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      LOG.log(Level.FINE, "could not fully delete " + dir, e);
    }
  }
}
