package dev.sandbox4j;

import com.google.gson.JsonObject;
import dev.sandbox4j.errors.SandboxException;
import dev.sandbox4j.internal.ConnectStream;
import dev.sandbox4j.internal.ProtoJson;
import dev.sandbox4j.internal.SandboxTransport;
import java.util.function.Consumer;

/**
 * A running watch of a directory in a sandbox; events reach the callback on one daemon thread per
 * watch, in order. {@link #stop()} (or {@link #close()}) ends it.
 */
public final class WatchHandle implements AutoCloseable {
  private final ConnectStream stream;
  private final SandboxTransport transport;
  private final Consumer<FilesystemEvent> onEvent;
  private final WatchOptions options;
  private volatile boolean stopped;

  WatchHandle(
      ConnectStream stream,
      SandboxTransport transport,
      Consumer<FilesystemEvent> onEvent,
      WatchOptions options) {
    this.stream = stream;
    this.transport = transport;
    this.onEvent = onEvent;
    this.options = options;
    Thread reader = new Thread(this::read, "sandbox4j-watch-" + transport.sandboxId());
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    SandboxException failure = null;
    try {
      for (JsonObject message = stream.next(); message != null; message = stream.next()) {
        if (ProtoJson.has(message, "filesystem")) {
          JsonObject event = ProtoJson.object(message, "filesystem");
          onEvent.accept(
              new FilesystemEvent(
                  ProtoJson.text(event, "name"),
                  FilesystemEventType.fromWire(ProtoJson.text(event, "type"))));
        }
      }
    } catch (Throwable e) {
      if (!stopped) {
        failure = failureOf(e);
      }
    } finally {
      stream.close();
    }
    SandboxException result = failure;
    options.onExit().ifPresent(callback -> callback.accept(result));
  }

  /** The failure to report: the watch's own time limit is a normal end (null). */
  private SandboxException failureOf(Throwable e) {
    try {
      SandboxException mapped = transport.mapFailure(Filesystem.WATCH, e);
      return mapped instanceof dev.sandbox4j.errors.SandboxTimeoutException ? null : mapped;
    } catch (Throwable notAnExchangeFailure) {
      // The event callback threw: the watch ends and says why.
      return new SandboxException(
          "the watch of a directory in sandbox "
              + transport.sandboxId()
              + " stopped: its event callback threw "
              + notAnExchangeFailure,
          notAnExchangeFailure,
          0);
    }
  }

  /** Stops the watch; no event is delivered after it returns from the reader's next read. */
  public void stop() {
    stopped = true;
    stream.cancel();
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "WatchHandle{sandboxId=" + transport.sandboxId() + ", stopped=" + stopped + "}";
  }
}
