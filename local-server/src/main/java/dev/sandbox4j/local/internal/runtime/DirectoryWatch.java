package dev.sandbox4j.local.internal.runtime;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Watches a sandbox directory (and, when recursive, every directory below it, including ones
 * created later) and queues its changes as envd names them. Backed by the JDK's WatchService
 * (inotify on Linux), which reports create, modify and delete: a rename therefore arrives as a
 * remove of the old name and a create of the new one, and chmod is not reported.
 */
public final class DirectoryWatch implements AutoCloseable {

  /** One change, {@code name} relative to the watched directory. */
  public record Change(String name, Type type) {}

  /** envd's event types that this watch can report. */
  public enum Type {
    CREATE,
    WRITE,
    REMOVE
  }

  private static final int MAX_QUEUED = 10_000;

  private final Path base;
  private final boolean recursive;
  private final WatchService service;
  private final Map<WatchKey, Path> directories = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<Change> changes = new LinkedBlockingQueue<>(MAX_QUEUED);
  private final Runnable onClose;
  private volatile boolean closed;

  private DirectoryWatch(Path base, boolean recursive, WatchService service, Runnable onClose) {
    this.base = base;
    this.recursive = recursive;
    this.service = service;
    this.onClose = onClose;
  }

  static DirectoryWatch start(Path base, boolean recursive, Executor threads, Runnable onClose)
      throws IOException {
    DirectoryWatch watch =
        new DirectoryWatch(base, recursive, base.getFileSystem().newWatchService(), onClose);
    watch.register(base);
    threads.execute(watch::run);
    return watch;
  }

  /** Waits up to the timeout for the next change; null when none came. */
  public Change poll(long timeout, TimeUnit unit) throws InterruptedException {
    return changes.poll(timeout, unit);
  }

  /** Returns and forgets every queued change. */
  public List<Change> drain() {
    List<Change> drained = new ArrayList<>();
    changes.drainTo(drained);
    return drained;
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      service.close();
    } catch (IOException ignored) {
      // closing an inotify descriptor does not fail in a way that matters here
    }
    onClose.run();
  }

  private void register(Path directory) throws IOException {
    if (!recursive) {
      directories.put(keyOf(directory), directory);
      return;
    }
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            directories.put(keyOf(dir), dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // vanished meanwhile
          }
        });
  }

  private WatchKey keyOf(Path dir) throws IOException {
    return dir.register(
        service,
        StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
  }

  private void run() {
    try {
      while (!closed) {
        WatchKey key = service.take();
        Path dir = directories.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
          if (dir == null || event.kind() == StandardWatchEventKinds.OVERFLOW) {
            continue;
          }
          Path changed = dir.resolve((Path) event.context());
          Type type =
              event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                  ? Type.CREATE
                  : event.kind() == StandardWatchEventKinds.ENTRY_MODIFY ? Type.WRITE : Type.REMOVE;
          changes.offer(
              new Change(base.relativize(changed).toString(), type)); // full queue: dropped
          if (type == Type.CREATE && recursive && Files.isDirectory(changed)) {
            try {
              register(changed);
            } catch (IOException e) {
              // removed again before it could be watched
            }
          }
        }
        if (!key.reset()) {
          directories.remove(key);
          if (key.watchable().equals(base)) {
            close(); // the watched directory itself is gone
          }
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // closed: the watch is over
    }
  }
}
