package dev.sandbox4j;

import com.google.gson.JsonObject;
import dev.sandbox4j.errors.CommandExitException;
import dev.sandbox4j.errors.SandboxException;
import dev.sandbox4j.errors.SandboxTimeoutException;
import dev.sandbox4j.internal.ConnectStream;
import dev.sandbox4j.internal.DataPlaneStatus;
import dev.sandbox4j.internal.Operation;
import dev.sandbox4j.internal.ProtoJson;
import dev.sandbox4j.internal.SandboxTransport;
import dev.sandbox4j.internal.Utf8StreamDecoder;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A command running in a sandbox, started by {@code commands().start(..)} or attached to by {@code
 * commands().connect(..)}. Its output is read as it arrives by one daemon thread per handle, which
 * also calls the output callbacks; {@link #waitFor()} returns the result.
 *
 * <p>{@link #stdout()} and {@link #stderr()} keep the output so far, up to {@value #RETAINED_CHARS}
 * characters each; callbacks see all of it.
 */
public final class CommandHandle {
  /** The most characters of each output stream a handle keeps. */
  public static final int RETAINED_CHARS = 16 * 1024 * 1024;

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final int pid;
  private final Commands commands;
  private final SandboxTransport transport;
  private final ConnectStream stream;
  private final Operation operation;
  private final Duration timeout;
  private final Consumer<String> onStdout;
  private final Consumer<String> onStderr;
  private final StringBuffer stdout = new StringBuffer();
  private final StringBuffer stderr = new StringBuffer();
  private final CompletableFuture<CommandResult> result = new CompletableFuture<>();
  private volatile boolean disconnected;
  private volatile Integer exitCode;

  CommandHandle(
      int pid,
      Commands commands,
      SandboxTransport transport,
      ConnectStream stream,
      Operation operation,
      Duration timeout,
      CommandOptions options) {
    this.pid = pid;
    this.commands = commands;
    this.transport = transport;
    this.stream = stream;
    this.operation = operation;
    this.timeout = timeout;
    this.onStdout = options.onStdout().orElse(null);
    this.onStderr = options.onStderr().orElse(null);
  }

  /** Starts the reader thread; the stream is drained promptly so the process never blocks. */
  void startReading() {
    Thread reader =
        new Thread(this::read, "sandbox4j-command-" + pid + "-" + THREADS.incrementAndGet());
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    Utf8StreamDecoder out = new Utf8StreamDecoder();
    Utf8StreamDecoder err = new Utf8StreamDecoder();
    JsonObject end = null;
    try {
      for (JsonObject message = stream.next(); message != null; message = stream.next()) {
        JsonObject event = ProtoJson.object(message, "event");
        if (ProtoJson.has(event, "data")) {
          JsonObject data = ProtoJson.object(event, "data");
          if (ProtoJson.has(data, "stdout")) {
            deliver(out.decode(ProtoJson.bytes(data, "stdout")), stdout, onStdout);
          }
          if (ProtoJson.has(data, "stderr")) {
            deliver(err.decode(ProtoJson.bytes(data, "stderr")), stderr, onStderr);
          }
        } else if (ProtoJson.has(event, "end")) {
          end = ProtoJson.object(event, "end");
        }
        // start (again), keepalive and event kinds added later carry nothing to keep
      }
      deliver(out.finish(), stdout, onStdout);
      deliver(err.finish(), stderr, onStderr);
      if (end == null) {
        fail(
            new SandboxException(
                "command "
                    + pid
                    + " in sandbox "
                    + transport.sandboxId()
                    + " ended without a result: its output stream closed early",
                null,
                1));
        return;
      }
      finish(end);
    } catch (Throwable e) {
      fail(failureOf(e));
    } finally {
      stream.close();
    }
  }

  /**
   * What {@link #waitFor()} throws for a failure of the reader: a disconnect says so; a failure of
   * the exchange is mapped like any other (a deadline names the way to lift it); anything else,
   * such as a callback's own exception, is passed on as it is. Never throws, so that the result is
   * always completed.
   */
  private Throwable failureOf(Throwable e) {
    if (disconnected) {
      return new SandboxException(
          "stopped waiting for command "
              + pid
              + ": the handle was disconnected (the command"
              + " keeps running; commands().connect("
              + pid
              + ") attaches again)",
          null,
          1);
    }
    try {
      SandboxException mapped = transport.mapFailure(operation, e);
      if (mapped instanceof SandboxTimeoutException && !(e instanceof DataPlaneStatus)) {
        return new SandboxTimeoutException(mapped.getMessage() + "; " + timeoutHint(), e, 1);
      }
      return mapped;
    } catch (Throwable notAnExchangeFailure) {
      return notAnExchangeFailure;
    }
  }

  String timeoutHint() {
    return Commands.timeoutHint(timeout);
  }

  private static void deliver(String text, StringBuffer kept, Consumer<String> callback) {
    if (text.isEmpty()) {
      return;
    }
    int room = RETAINED_CHARS - kept.length();
    if (room > 0) {
      kept.append(text, 0, Math.min(room, text.length()));
    }
    if (callback != null) {
      callback.accept(text);
    }
  }

  private void finish(JsonObject end) {
    int code = (int) ProtoJson.int64(end, "exitCode");
    String error = ProtoJson.string(end, "error").orElse(null);
    exitCode = code;
    if (code != 0) {
      result.completeExceptionally(
          new CommandExitException(
              "command "
                  + pid
                  + " in sandbox "
                  + transport.sandboxId()
                  + " exited with code "
                  + code
                  + (error == null ? "" : " (" + error + ")"),
              code,
              stdout.toString(),
              stderr.toString(),
              error));
    } else {
      result.complete(new CommandResult(0, stdout.toString(), stderr.toString(), error));
    }
  }

  private void fail(Throwable e) {
    result.completeExceptionally(e);
  }

  /**
   * Returns the process id.
   *
   * @return the pid
   */
  public int pid() {
    return pid;
  }

  /**
   * Returns what the command wrote to stdout so far.
   *
   * @return the output so far
   */
  public String stdout() {
    return stdout.toString();
  }

  /**
   * Returns what the command wrote to stderr so far.
   *
   * @return the output so far
   */
  public String stderr() {
    return stderr.toString();
  }

  /**
   * Returns the exit code once the command has ended.
   *
   * @return the exit code, or empty while it runs
   */
  public Optional<Integer> exitCode() {
    return Optional.ofNullable(exitCode);
  }

  /**
   * Waits for the command to end.
   *
   * @return the result
   * @throws CommandExitException when it exited with a non-zero code
   * @throws SandboxTimeoutException when its time limit ran out (the daemon killed it)
   * @throws SandboxException when the stream failed or the handle was disconnected
   */
  public CommandResult waitFor() {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while waiting for command " + pid, e, 1);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /**
   * Waits at most the given time for the command to end; the command keeps running if it does not.
   *
   * @param wait how long to wait
   * @return the result
   * @throws SandboxTimeoutException when it is still running after {@code wait}
   */
  public CommandResult waitFor(Duration wait) {
    try {
      return result.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while waiting for command " + pid, e, 1);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (TimeoutException e) {
      throw new SandboxTimeoutException(
          "command " + pid + " still runs after waiting " + wait, null, 0);
    }
  }

  static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException) {
      return (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return new SandboxException("the command failed: " + cause, cause, 1);
  }

  /** The result as a future, completed by the reader thread. */
  CompletableFuture<CommandResult> result() {
    return result;
  }

  /**
   * Kills the command (SIGKILL).
   *
   * @return true if it was killed, false if it had already ended
   */
  public boolean kill() {
    return commands.kill(pid);
  }

  /**
   * Writes text (as UTF-8) to the command's stdin; the command must have been started with {@link
   * CommandOptions.Builder#stdin(boolean) stdin(true)}.
   *
   * @param data the text
   */
  public void sendStdin(String data) {
    commands.sendStdin(pid, data);
  }

  /**
   * Writes bytes to the command's stdin.
   *
   * @param data the bytes
   */
  public void sendStdin(byte[] data) {
    commands.sendStdin(pid, data);
  }

  /** Closes the command's stdin, so that a program reading it sees the end of input. */
  public void closeStdin() {
    commands.closeStdin(pid);
  }

  /**
   * Stops reading the command's output; the command keeps running. {@link #waitFor()} then throws,
   * and {@code commands().connect(pid)} attaches again.
   */
  public void disconnect() {
    disconnected = true;
    stream.cancel();
  }

  @Override
  public String toString() {
    return "CommandHandle{pid="
        + pid
        + ", sandboxId="
        + transport.sandboxId()
        + (exitCode == null ? "" : ", exitCode=" + exitCode)
        + "}";
  }
}
