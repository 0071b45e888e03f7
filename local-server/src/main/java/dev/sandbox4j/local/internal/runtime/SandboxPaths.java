package dev.sandbox4j.local.internal.runtime;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns the paths clients send into paths on this machine, as envd resolves them, without ever
 * leaving the sandbox's directory.
 *
 * <p>A sandbox path is resolved as envd does (empty → home, {@code ~} and {@code ~/x} → home,
 * relative → under home, {@code .} and {@code ..} removed), then symbolic links are followed the
 * way a process inside the sandbox sees them: an absolute link target is read from the sandbox's
 * root, not the host's. The result must lie in one of the mapped directories ({@code /home/user},
 * and {@code /tmp} under bubblewrap); anything else is refused, so {@code ..} and links pointing
 * out cannot reach the host.
 */
public final class SandboxPaths {

  /** The home of the sandbox's only user, and the default working directory. */
  public static final String HOME = "/home/user";

  private static final int MAX_LINKS = 40;

  private final Path root;
  private final List<String> mapped;

  SandboxPaths(Path root, List<String> mapped) {
    this.root = root;
    this.mapped = List.copyOf(mapped);
  }

  /** Returns the sandbox directories that exist for commands and for the file API. */
  public List<String> mappedDirectories() {
    return mapped;
  }

  /** Resolves a client path to a clean absolute sandbox path (no links followed). */
  public String resolve(String path) {
    String raw = path == null ? "" : path;
    if (raw.indexOf('\0') >= 0) {
      throw new Failure(Failure.Kind.INVALID_ARGUMENT, "path contains a NUL byte");
    }
    String absolute;
    if (raw.isEmpty() || raw.equals("~")) {
      absolute = HOME;
    } else if (raw.startsWith("~/")) {
      absolute = HOME + raw.substring(1);
    } else if (raw.startsWith("~")) {
      throw new Failure(
          Failure.Kind.INVALID_ARGUMENT,
          "path '" + raw + "': only the sandbox user's home (~) is supported");
    } else if (raw.startsWith("/")) {
      absolute = raw;
    } else {
      absolute = HOME + "/" + raw;
    }
    String clean = clean(absolute);
    requireMapped(clean, raw);
    relative(clean); // fails clearly when this JVM cannot name the file
    return clean;
  }

  /**
   * Returns where a sandbox path lives on this machine, following links inside the sandbox; the
   * last component is followed only when {@code followLast} is true (false gives lstat semantics:
   * the link itself).
   */
  public Path host(String sandboxPath, boolean followLast) {
    return root.resolve(relative(followLinks(sandboxPath, followLast)));
  }

  /** Returns the sandbox path a link resolves to (the whole chain followed). */
  public String realPath(String sandboxPath) {
    return followLinks(sandboxPath, true);
  }

  /** Returns the host directory of a mapped sandbox directory, such as {@code /home/user}. */
  Path hostDirectory(String mappedDirectory) {
    return root.resolve(relative(mappedDirectory));
  }

  /** Whether a clean absolute sandbox path is in a mapped directory. */
  public boolean isMapped(String clean) {
    for (String dir : mapped) {
      if (clean.equals(dir) || clean.startsWith(dir + "/")) {
        return true;
      }
    }
    return false;
  }

  private void requireMapped(String clean, String asGiven) {
    if (!isMapped(clean)) {
      throw new Failure(
          Failure.Kind.PERMISSION_DENIED,
          "path '"
              + asGiven
              + "' is outside the sandbox's directories "
              + String.join(", ", mapped));
    }
  }

  private String followLinks(String sandboxPath, boolean followLast) {
    Deque<String> todo = new ArrayDeque<>(components(sandboxPath));
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String name = todo.pollFirst();
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      done.add(name);
      if (todo.isEmpty() && !followLast) {
        break;
      }
      Path here = root.resolve(String.join("/", done));
      if (!Files.isSymbolicLink(here)) {
        continue;
      }
      if (++links > MAX_LINKS) {
        throw new Failure(
            Failure.Kind.FAILED_PRECONDITION,
            "too many levels of symbolic links in '" + sandboxPath + "'");
      }
      String target;
      try {
        target = Files.readSymbolicLink(here).toString();
      } catch (java.io.IOException e) {
        throw new Failure(Failure.Kind.INTERNAL, "cannot read link '" + sandboxPath + "'");
      }
      done.remove(done.size() - 1);
      if (target.startsWith("/")) {
        done.clear();
      }
      List<String> targetParts = components(target);
      for (int i = targetParts.size() - 1; i >= 0; i--) {
        todo.addFirst(targetParts.get(i));
      }
    }
    String resolved = "/" + String.join("/", done);
    if (!isMapped(resolved)) {
      throw new Failure(
          Failure.Kind.PERMISSION_DENIED,
          "path '"
              + sandboxPath
              + "' leads outside the sandbox's directories (through a symbolic link)");
    }
    return resolved;
  }

  private static String relative(String clean) {
    String rel = clean.substring(1);
    try {
      Path.of(rel);
    } catch (InvalidPathException e) {
      throw new Failure(
          Failure.Kind.INVALID_ARGUMENT,
          "path cannot be represented with this JVM's file name encoding (sun.jnu.encoding="
              + System.getProperty("sun.jnu.encoding")
              + ")");
    }
    return rel;
  }

  /**
   * Cleans an absolute path lexically, as Go's {@code filepath.Clean}: {@code ..} stops at the
   * root.
   */
  static String clean(String absolute) {
    List<String> parts = new ArrayList<>();
    for (String name : components(absolute)) {
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(name);
      }
    }
    return "/" + String.join("/", parts);
  }

  private static List<String> components(String path) {
    return List.of(path.split("/", -1));
  }
}
