package dev.sandbox4j.local.internal.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Caps how many processes one sandbox may have, with a cgroup (v1 {@code pids} controller, or
 * cgroup v2 where it is delegated) when this machine lets the server create one; commands join it
 * before they run, so a fork bomb meets the limit. Where no writable cgroup exists (an unprivileged
 * user, most desktops) there is no cap, and {@link #available()} says so.
 */
final class PidLimit {

  private static final Path[] CANDIDATE_PARENTS = {
    Path.of("/sys/fs/cgroup/pids"), Path.of("/sys/fs/cgroup/unified"), Path.of("/sys/fs/cgroup")
  };

  private final Path group;

  private PidLimit(Path group) {
    this.group = group;
  }

  /**
   * Creates a cgroup limited to {@code maxPids} processes, or empty when this machine allows none.
   */
  static Optional<PidLimit> create(String name, int maxPids) {
    for (Path parent : CANDIDATE_PARENTS) {
      if (!Files.isWritable(parent.resolve("cgroup.procs"))) {
        continue;
      }
      Path group = parent.resolve(name);
      try {
        Files.createDirectories(group);
        Path max = group.resolve("pids.max");
        if (!Files.exists(max)) {
          Files.deleteIfExists(group);
          continue;
        }
        Files.writeString(max, Integer.toString(maxPids));
        return Optional.of(new PidLimit(group));
      } catch (IOException | RuntimeException e) {
        try {
          Files.deleteIfExists(group);
        } catch (IOException ignored) {
          // nothing was created, or it is in use: either way no limit from here
        }
      }
    }
    return Optional.empty();
  }

  /** The file a process writes its pid to in order to join the group. */
  Path procsFile() {
    return group.resolve("cgroup.procs");
  }

  /** Every process in the group now. */
  List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(procsFile())) {
        if (!line.isBlank()) {
          pids.add(Long.parseLong(line.trim()));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the group is gone or being removed
    }
    return pids;
  }

  /** Removes the group; it must be empty, so this retries briefly while the last processes exit. */
  void remove() {
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        Files.deleteIfExists(group);
        return;
      } catch (IOException e) {
        Signals.send(Signals.SIGKILL, pids());
        try {
          Thread.sleep(20);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
