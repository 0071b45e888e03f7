package dev.sandbox4j.local.internal.interpreter;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Runs one piece of code on a kernel and relays what it produces to a sink, as it comes: merges
 * runs of output frames into one line, decodes each stream with its own UTF-8 decoder, sends
 * keepalives during silence, and enforces the timeout (interrupt first, kill after a grace period).
 * A client that goes away gets the same treatment as a timeout, silently.
 */
final class KernelExecution {

  /** Up to this many characters of one stream are merged into one line. */
  private static final int MAX_MERGED_CHARS = 64 * 1024;

  private static final long NONE = Long.MAX_VALUE;

  /** How long a finished execution waits for the kernel's stderr to catch up. */
  private static final long STDERR_SYNC_WAIT = Duration.ofSeconds(2).toNanos();

  private final Kernel kernel;
  private final ExecutionSink sink;
  private final Duration timeout;
  private final InterpreterSettings settings;
  private final ActiveClock clock;
  private final StreamDecoder stdout = new StreamDecoder();
  private final StreamDecoder stderr = new StreamDecoder();
  private boolean clientGone;
  private boolean threadInterrupted;
  private boolean timedOut;
  private boolean errorSent;
  private boolean finishing;
  private boolean synced;
  private long start;
  private long killAt = NONE; // elapsed nanoseconds

  /**
   * @param timeout {@link Duration#ZERO} for no limit
   */
  KernelExecution(
      Kernel kernel,
      ExecutionSink sink,
      Duration timeout,
      InterpreterSettings settings,
      ActiveClock clock) {
    this.kernel = kernel;
    this.sink = sink;
    this.timeout = timeout;
    this.settings = settings;
    this.clock = clock;
  }

  /** Runs the code to its end; false if the kernel is gone afterwards (it must be replaced). */
  boolean run(String code, Map<String, String> envVars) {
    try {
      return relay(code, envVars);
    } finally {
      if (threadInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean relay(String code, Map<String, String> envVars) {
    start = clock.nanos();
    long deadline = timeout.isZero() ? NONE : timeout.toNanos();
    long keepalive = settings.keepaliveInterval().toNanos();
    long nextKeepalive = keepalive;
    try {
      kernel.execute(code, envVars);
    } catch (IOException e) {
      return kernelEnded();
    }
    while (true) {
      long elapsed = elapsed();
      long wake = Math.min(killAt, clientGone ? NONE : nextKeepalive);
      if (!timedOut && !clientGone) {
        wake = Math.min(wake, deadline);
      }
      // Never sleep past one keepalive interval: a paused clock stands still meanwhile.
      long wait = Math.max(0, Math.min(wake - elapsed, keepalive));
      Kernel.Frame frame;
      try {
        frame = kernel.poll(wait);
      } catch (InterruptedException e) {
        // The server is closing, or the I/O deadline gave up on the client: stop the code.
        threadInterrupted = true;
        clientGone();
        continue;
      }
      elapsed = elapsed();
      if (frame == null) {
        if (elapsed >= killAt) {
          return finishing ? finish() : killAfterGrace();
        }
        if (!timedOut && !clientGone && elapsed >= deadline) {
          timedOut = true;
          interrupt(elapsed);
        }
        if (!clientGone && elapsed >= nextKeepalive) {
          deliver(sink::keepalive);
          nextKeepalive = elapsed + keepalive;
        }
        continue;
      }
      nextKeepalive = elapsed + keepalive;
      switch (frame.kind()) {
        case 'O' -> deliverText(frame, stdout);
        case 'E' -> deliverText(frame, stderr);
        case 'C' -> deliverCount(frame);
        case 'D' -> deliverResult(frame);
        case 'X' -> deliverError(frame);
        case 'F' -> {
          if (kernel.language().syncsThroughStderr() && !synced) {
            finishing = true; // the end, once the stderr relay caught up
            killAt = Math.min(killAt, elapsed + STDERR_SYNC_WAIT);
            continue;
          }
          return finish();
        }
        case 'S' -> {
          synced = true;
          if (finishing) {
            return finish();
          }
        }
        case 'R' -> {
          // A late "ready": nothing to relay.
        }
        case '\0' -> {
          return kernelEnded();
        }
        default -> {
          return brokenProtocol("an unknown frame kind " + (int) frame.kind());
        }
      }
    }
  }

  /** Nanoseconds since the execution started, not counting time paused. */
  private long elapsed() {
    return clock.nanos() - start;
  }

  private boolean finish() {
    flushStreams();
    if (timedOut && !errorSent) { // the code caught the interrupt and finished
      deliver(() -> sink.error("TimeoutError", interruptedMessage(), ""));
    }
    return true;
  }

  private void interrupt(long elapsed) {
    killAt = elapsed + settings.interruptGrace().toNanos();
    try {
      kernel.interrupt();
    } catch (IOException e) {
      // The kernel is gone; its end frame is on its way.
    }
  }

  private void clientGone() {
    if (!clientGone) {
      clientGone = true;
      if (killAt == NONE) {
        interrupt(elapsed());
      }
    }
  }

  private boolean killAfterGrace() {
    kernel.destroy();
    flushStreams();
    if (timedOut) {
      deliver(
          () ->
              sink.error(
                  "TimeoutError",
                  "Execution timed out after "
                      + describe(timeout)
                      + " and did not stop within "
                      + describe(settings.interruptGrace())
                      + " of being interrupted, so its "
                      + kernel.language().wireName()
                      + " kernel was restarted: the context's state is lost",
                  ""));
    }
    return false;
  }

  private boolean kernelEnded() {
    flushStreams();
    Kernel.Abandonment reason = kernel.abandonment();
    if (reason != null) {
      deliver(() -> sink.error(reason.errorName, reason.errorValue, ""));
      return false;
    }
    if (kernel.protocolProblem().isPresent()) {
      return brokenProtocol(kernel.protocolProblem().get());
    }
    kernel.destroy();
    String exit = awaitExitDescription();
    deliver(
        () ->
            sink.error(
                "UnexpectedEndOfExecution",
                "The "
                    + kernel.language().wireName()
                    + " kernel ended unexpectedly ("
                    + exit
                    + "); the context starts a new one, its state is lost",
                kernel.stderrTail()));
    return false;
  }

  private boolean brokenProtocol(String what) {
    kernel.destroy();
    flushStreams();
    deliver(
        () ->
            sink.error(
                "UnexpectedEndOfExecution",
                "The "
                    + kernel.language().wireName()
                    + " kernel sent "
                    + what
                    + " and was ended; the context starts a new one, its state is lost",
                ""));
    return false;
  }

  private String awaitExitDescription() {
    try {
      kernel.awaitExit(Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      threadInterrupted = true;
    }
    return kernel.exitDescription();
  }

  private void deliverText(Kernel.Frame first, StreamDecoder decoder) {
    StringBuilder text = new StringBuilder(decoder.decode(first.payload()));
    // Merge the frames of the same stream already waiting: one line instead of many.
    for (Kernel.Frame next = kernel.peek();
        next != null && next.kind() == first.kind() && text.length() < MAX_MERGED_CHARS;
        next = kernel.peek()) {
      kernel.skip();
      text.append(decoder.decode(next.payload()));
    }
    deliverText(first.kind(), text.toString());
  }

  private void deliverText(char kind, String text) {
    if (!text.isEmpty()) {
      deliver(
          () -> {
            if (kind == 'O') {
              sink.stdout(text);
            } else {
              sink.stderr(text);
            }
          });
    }
  }

  private void flushStreams() {
    deliverText('O', stdout.finish());
    deliverText('E', stderr.finish());
  }

  private void deliverCount(Kernel.Frame frame) {
    JsonObject count = parseObject(frame);
    JsonElement value = count == null ? null : count.get("execution_count");
    if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
      int number = value.getAsInt();
      deliver(() -> sink.executionCount(number));
    }
  }

  private void deliverResult(Kernel.Frame frame) {
    JsonObject result = parseObject(frame);
    if (result != null) {
      deliver(() -> sink.result(result));
    }
  }

  private void deliverError(Kernel.Frame frame) {
    JsonObject error = parseObject(frame);
    if (error == null) {
      return;
    }
    String name = string(error, "name");
    String value = string(error, "value");
    if (timedOut) {
      name = "TimeoutError";
      value = interruptedMessage();
    }
    errorSent = true;
    String finalName = name;
    String finalValue = value;
    String traceback = string(error, "traceback");
    deliver(() -> sink.error(finalName, finalValue, traceback));
  }

  private String interruptedMessage() {
    return "Execution timed out after "
        + describe(timeout)
        + " and was interrupted; the context keeps its state";
  }

  /** The frame's JSON object; null (and the frame dropped) if the driver sent anything else. */
  private static JsonObject parseObject(Kernel.Frame frame) {
    try {
      JsonElement element = JsonParser.parseString(frame.text());
      return element.isJsonObject() ? element.getAsJsonObject() : null;
    } catch (JsonParseException | NumberFormatException e) {
      return null;
    }
  }

  private static String string(JsonObject object, String name) {
    JsonElement element = object.get(name);
    return element == null || element.isJsonNull() ? "" : element.getAsString();
  }

  private void deliver(SinkWrite write) {
    if (clientGone) {
      return;
    }
    try {
      write.run();
    } catch (IOException e) {
      clientGone();
    }
  }

  static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  @FunctionalInterface
  private interface SinkWrite {
    void run() throws IOException;
  }
}
