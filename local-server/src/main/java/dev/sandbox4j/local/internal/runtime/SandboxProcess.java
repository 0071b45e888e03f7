package dev.sandbox4j.local.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One command started in a sandbox, with envd's semantics: its output goes to whoever is subscribed
 * at the moment (no replay; nobody subscribed → dropped), a slow subscriber slows the command down
 * instead of growing a buffer, and its end is reported as envd reports it (exit code and {@code
 * exit status N}, or -1 and {@code signal: killed} / {@code signal: terminated} after a signal this
 * server sent).
 */
public final class SandboxProcess {

  /** What the client asked to run, as {@code List} shows it back. */
  public record Config(String cmd, List<String> args, Map<String, String> envs, String cwd) {
    public Config {
      args = List.copyOf(args);
      envs = Map.copyOf(envs);
    }
  }

  /** Something a subscriber receives: output, or the end (always last). */
  public sealed interface Event permits Output, End {}

  /** A chunk of output as it came from the pipe (chunks do not follow line boundaries). */
  public record Output(boolean stderr, byte[] bytes) implements Event {}

  /**
   * How the process ended.
   *
   * @param exitCode the exit code, or -1 when a signal ended it
   * @param exited false when a signal ended it
   * @param status {@code exit status N}, {@code signal: killed} or {@code signal: terminated}
   * @param error the same text unless the process exited with 0, else empty
   */
  public record End(int exitCode, boolean exited, String status, Optional<String> error)
      implements Event {}

  /** A subscriber's bounded queue: when it is full the command's output pipe stops being read. */
  public static final class Subscription implements AutoCloseable {
    private static final int CAPACITY = 16;
    private final ArrayBlockingQueue<Event> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final SandboxProcess owner;
    private volatile boolean closed;

    private Subscription(SandboxProcess owner) {
      this.owner = owner;
    }

    /** Waits up to the timeout for the next event; null when none came. */
    public Event poll(long timeout, TimeUnit unit) throws InterruptedException {
      return queue.poll(timeout, unit);
    }

    /** Stops receiving; the command goes on. */
    @Override
    public void close() {
      closed = true;
      owner.subscribers.remove(this);
      queue.clear();
    }

    private void deliver(Event event) {
      try {
        while (!closed && !queue.offer(event, 100, TimeUnit.MILLISECONDS)) {
          // back-pressure: the subscriber is slow, the pipe waits
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static final int CHUNK = 32 * 1024;
  private static final long STRAGGLER_MILLIS = 200;

  private final Process process;
  private final Config config;
  private final Optional<String> tag;
  private final OutputStream stdin;
  private final CopyOnWriteArrayList<Subscription> subscribers = new CopyOnWriteArrayList<>();
  private final CountDownLatch pipesDrained = new CountDownLatch(2);
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Object stdinLock = new Object();
  private volatile boolean stdinOpen;
  private volatile int signalSent;
  private volatile boolean deadlinePassed;
  private volatile End end;
  private ScheduledFuture<?> deadlineKill;

  private SandboxProcess(Process process, Config config, Optional<String> tag, boolean stdin) {
    this.process = process;
    this.config = config;
    this.tag = tag;
    this.stdin = process.getOutputStream();
    this.stdinOpen = stdin;
  }

  /**
   * Starts the process; {@code first} is subscribed before any output is read, so a Start stream
   * sees everything. {@code onExit} runs once the end is known.
   */
  static SandboxProcess start(
      ProcessBuilder builder,
      Config config,
      Optional<String> tag,
      boolean withStdin,
      Optional<Duration> deadline,
      Executor threads,
      ScheduledExecutorService timer,
      Consumer<SandboxProcess> onExit,
      Consumer<Subscription> first)
      throws IOException {
    if (!withStdin) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    Process process = builder.start();
    SandboxProcess started = new SandboxProcess(process, config, tag, withStdin);
    first.accept(started.subscribe());
    deadline.ifPresent(
        d ->
            started.deadlineKill =
                timer.schedule(started::killAtDeadline, d.toMillis(), TimeUnit.MILLISECONDS));
    threads.execute(() -> started.pump(process.getInputStream(), false));
    threads.execute(() -> started.pump(process.getErrorStream(), true));
    threads.execute(() -> started.awaitEnd(onExit));
    return started;
  }

  /** The host pid; envd's pid for this process. */
  public long pid() {
    return process.pid();
  }

  public Config config() {
    return config;
  }

  public Optional<String> tag() {
    return tag;
  }

  /** Whether a deadline ({@code Connect-Timeout-Ms}) killed the process. */
  public boolean deadlinePassed() {
    return deadlinePassed;
  }

  public boolean isAlive() {
    return end == null;
  }

  /** Subscribes to live output; a process that has already ended delivers its end at once. */
  public Subscription subscribe() {
    Subscription subscription = new Subscription(this);
    subscribers.add(subscription);
    End known = end;
    if (known != null && subscribers.remove(subscription)) {
      subscription.deliver(known);
    }
    return subscription;
  }

  /** Writes to the process's stdin. */
  public void writeStdin(byte[] bytes) {
    synchronized (stdinLock) {
      if (!stdinOpen) {
        throw new Failure(
            Failure.Kind.INTERNAL, "error writing to stdin: stdin not enabled or closed");
      }
      try {
        stdin.write(bytes);
        stdin.flush();
      } catch (IOException e) {
        throw new Failure(Failure.Kind.INTERNAL, "error writing to stdin: " + e.getMessage());
      }
    }
  }

  /** Closes stdin (the process sees end of input). */
  public void closeStdin() {
    synchronized (stdinLock) {
      stdinOpen = false;
      try {
        stdin.close();
      } catch (IOException ignored) {
        // already closed by the process's exit
      }
    }
  }

  /** Sends SIGTERM or SIGKILL to the process and every process it started. */
  public void signal(int signal) {
    if (signal == Signals.SIGKILL) {
      signalSent = Signals.SIGKILL;
      for (int pass = 0; pass < 2; pass++) {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroyForcibly);
      }
      return;
    }
    if (signalSent != Signals.SIGKILL) {
      signalSent = signal;
    }
    // Not to bubblewrap itself: as the namespace's init it would take everything down with it,
    // making SIGTERM as final as SIGKILL for commands that handle or ignore it.
    List<Long> pids = new ArrayList<>();
    for (ProcessHandle handle : tree()) {
      boolean bwrap = handle.info().command().map(c -> c.endsWith("/bwrap")).orElse(false);
      if (!bwrap) {
        pids.add(handle.pid());
      }
    }
    Signals.send(signal, pids);
  }

  /** The process and its descendants, parents first. */
  List<ProcessHandle> tree() {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(process.toHandle());
    process.toHandle().descendants().forEach(tree::add);
    return tree;
  }

  /** Waits for the end to be known; true if it was within the timeout. */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void killAtDeadline() {
    if (end == null) {
      deadlinePassed = true;
      signal(Signals.SIGKILL);
    }
  }

  private void pump(InputStream in, boolean stderr) {
    byte[] buffer = new byte[CHUNK];
    try (in) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        byte[] chunk = java.util.Arrays.copyOf(buffer, n);
        Output output = new Output(stderr, chunk);
        for (Subscription subscription : subscribers) {
          subscription.deliver(output);
        }
      }
    } catch (IOException e) {
      // the pipe closed under us: the process is gone
    } finally {
      pipesDrained.countDown();
    }
  }

  private void awaitEnd(Consumer<SandboxProcess> onExit) {
    int exitValue;
    try {
      exitValue = process.waitFor();
      // Output still in the pipes arrives now; a background child holding them open does not
      // delay the end (envd also stops reading when the command exits).
      pipesDrained.await(STRAGGLER_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (deadlineKill != null) {
      deadlineKill.cancel(false);
    }
    End result = endOf(exitValue);
    end = result;
    for (Subscription subscription : subscribers) {
      subscribers.remove(subscription);
      subscription.deliver(result);
    }
    closeStdin();
    ended.countDown();
    onExit.accept(this);
  }

  private End endOf(int exitValue) {
    int sent = signalSent;
    if (sent != 0 && exitValue == 128 + sent) {
      String status = sent == Signals.SIGKILL ? "signal: killed" : "signal: terminated";
      return new End(-1, false, status, Optional.of(status));
    }
    String status = "exit status " + exitValue;
    return new End(
        exitValue, true, status, exitValue == 0 ? Optional.empty() : Optional.of(status));
  }
}
