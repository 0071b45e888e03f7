package dev.sandbox4j.local.internal.envd;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.sandbox4j.local.internal.runtime.DirectoryWatch;
import dev.sandbox4j.local.internal.runtime.LocalSandbox;
import dev.sandbox4j.local.internal.runtime.SandboxFiles;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** envd's {@code filesystem.Filesystem} service over Connect JSON, on one sandbox's files. */
final class FilesystemRpc {

  private static final int MAX_REQUEST_BYTES = 1 << 20;

  private FilesystemRpc() {}

  static void serve(String method, EnvdExchange exchange, LocalSandbox sandbox) throws IOException {
    SandboxFiles files = new SandboxFiles(sandbox.paths());
    switch (method) {
      case "Stat" ->
          Connect.unary(
              exchange, MAX_REQUEST_BYTES, r -> entry(files.stat(Messages.string(r, "path"))));
      case "MakeDir" ->
          Connect.unary(
              exchange, MAX_REQUEST_BYTES, r -> entry(files.makeDir(Messages.string(r, "path"))));
      case "Move" ->
          Connect.unary(
              exchange,
              MAX_REQUEST_BYTES,
              r ->
                  entry(
                      files.move(Messages.string(r, "source"), Messages.string(r, "destination"))));
      case "Remove" ->
          Connect.unary(
              exchange,
              MAX_REQUEST_BYTES,
              r -> {
                files.remove(Messages.string(r, "path"));
                return new JsonObject();
              });
      case "ListDir" ->
          Connect.unary(
              exchange,
              MAX_REQUEST_BYTES,
              r -> {
                JsonArray entries = new JsonArray();
                files
                    .list(
                        Messages.string(r, "path"),
                        (int) Math.min(Integer.MAX_VALUE, Messages.number(r, "depth", 0)))
                    .forEach(e -> entries.add(Messages.entry(e)));
                return Messages.wrap("entries", entries);
              });
      case "WatchDir" ->
          Connect.stream(exchange, MAX_REQUEST_BYTES, r -> watch(exchange, sandbox, r));
      case "CreateWatcher" ->
          Connect.unary(
              exchange,
              MAX_REQUEST_BYTES,
              r -> {
                Map.Entry<String, DirectoryWatch> watch = startWatch(sandbox, r);
                JsonObject response = new JsonObject();
                response.addProperty("watcherId", watch.getKey());
                return response;
              });
      case "GetWatcherEvents" ->
          Connect.unary(
              exchange,
              MAX_REQUEST_BYTES,
              r -> {
                JsonArray events = new JsonArray();
                sandbox
                    .watcher(Messages.string(r, "watcherId", "watcher_id"))
                    .drain()
                    .forEach(change -> events.add(event(change)));
                return Messages.wrap("events", events);
              });
      case "RemoveWatcher" ->
          Connect.unary(
              exchange,
              MAX_REQUEST_BYTES,
              r -> {
                sandbox.watcher(Messages.string(r, "watcherId", "watcher_id")).close();
                return new JsonObject();
              });
      default ->
          throw new ConnectError(
              ConnectCode.UNIMPLEMENTED, "filesystem.Filesystem/" + method + " is not implemented");
    }
  }

  private static Map.Entry<String, DirectoryWatch> startWatch(
      LocalSandbox sandbox, JsonObject request) {
    String path = sandbox.paths().resolve(Messages.string(request, "path"));
    return sandbox.watch(path, Messages.bool(request, "recursive", false));
  }

  private static Optional<ConnectError> watch(
      EnvdExchange exchange, LocalSandbox sandbox, JsonObject request) throws IOException {
    StreamTiming timing = StreamTiming.of(exchange);
    long deadline = timing.deadlineNanos(System.nanoTime());
    DirectoryWatch watch = startWatch(sandbox, request).getValue();
    try {
      exchange.envelope(Messages.wrap("start", new JsonObject()));
      long keepaliveNanos = timing.keepalive().toNanos();
      long lastSent = System.nanoTime();
      while (true) {
        long now = System.nanoTime();
        if (now >= deadline) {
          return Optional.of(
              new ConnectError(
                  ConnectCode.DEADLINE_EXCEEDED,
                  "the watch's deadline (Connect-Timeout-Ms) passed"));
        }
        if (watch.isClosed()) {
          return Optional.of(
              new ConnectError(ConnectCode.INTERNAL, "the watched directory is gone"));
        }
        long wait =
            Math.min(Math.min(lastSent + keepaliveNanos - now, deadline - now), 500_000_000L);
        DirectoryWatch.Change change;
        try {
          change = watch.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("the server is closing");
        }
        if (change != null) {
          exchange.envelope(Messages.wrap("filesystem", event(change)));
          lastSent = System.nanoTime();
        } else if (System.nanoTime() - lastSent >= keepaliveNanos) {
          exchange.envelope(Messages.wrap("keepalive", new JsonObject()));
          lastSent = System.nanoTime();
        }
      }
    } finally {
      watch.close();
    }
  }

  private static JsonObject event(DirectoryWatch.Change change) {
    JsonObject json = new JsonObject();
    json.addProperty("name", change.name());
    json.addProperty("type", "EVENT_TYPE_" + change.type().name());
    return json;
  }

  private static JsonObject entry(SandboxFiles.Entry entry) {
    return Messages.wrap("entry", Messages.entry(entry));
  }
}
