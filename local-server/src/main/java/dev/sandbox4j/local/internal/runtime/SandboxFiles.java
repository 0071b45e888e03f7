package dev.sandbox4j.local.internal.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * envd's filesystem operations on one sandbox's files: Stat, MakeDir, Move, ListDir and Remove,
 * with envd's answers (for example: MakeDir of an existing directory is already_exists, Remove of a
 * missing path is fine, ListDir depth 0 means 1).
 */
public final class SandboxFiles {

  /** envd's file types. */
  public enum Type {
    UNSPECIFIED,
    FILE,
    DIRECTORY
  }

  /**
   * One entry as envd describes it: type and mode of a link's target, the link's own name and path,
   * and the fully resolved target.
   */
  public record Entry(
      String name,
      Type type,
      String path,
      long size,
      int mode,
      String permissions,
      String owner,
      String group,
      Instant modifiedTime,
      Optional<String> symlinkTarget) {}

  private final SandboxPaths paths;

  public SandboxFiles(SandboxPaths paths) {
    this.paths = paths;
  }

  public Entry stat(String path) {
    String resolved = paths.resolve(path);
    Path host = paths.host(resolved, false);
    if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
      throw new Failure(Failure.Kind.NOT_FOUND, "file not found: " + resolved);
    }
    return entry(resolved, host);
  }

  public Entry makeDir(String path) {
    String resolved = paths.resolve(path);
    Path host = paths.host(resolved, true);
    if (Files.isDirectory(host)) {
      throw new Failure(Failure.Kind.ALREADY_EXISTS, "directory already exists: " + resolved);
    }
    if (Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
      throw new Failure(
          Failure.Kind.INVALID_ARGUMENT,
          "path already exists but it is not a directory: " + resolved);
    }
    try {
      Files.createDirectories(host);
    } catch (FileAlreadyExistsException e) {
      throw new Failure(
          Failure.Kind.INVALID_ARGUMENT, "a parent of '" + resolved + "' is not a directory");
    } catch (IOException e) {
      throw new Failure(Failure.Kind.INTERNAL, "error creating directory: " + resolved);
    }
    return entry(resolved, paths.host(resolved, false));
  }

  public Entry move(String source, String destination) {
    String from = paths.resolve(source);
    String to = paths.resolve(destination);
    Path hostFrom = paths.host(from, false);
    Path hostTo = paths.host(to, false);
    if (!Files.exists(hostFrom, LinkOption.NOFOLLOW_LINKS)) {
      throw new Failure(Failure.Kind.NOT_FOUND, "source file not found: " + from);
    }
    try {
      Files.createDirectories(hostTo.getParent());
      Files.move(
          hostFrom, hostTo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new Failure(
          Failure.Kind.INTERNAL, "error renaming '" + from + "' to '" + to + "': " + describe(e));
    }
    return entry(to, hostTo);
  }

  public void remove(String path) {
    String resolved = paths.resolve(path);
    if (paths.mappedDirectories().contains(resolved)) {
      // rm -rf of a mapped directory itself: empty it, the mount point stays
      try (DirectoryStream<Path> children = Files.newDirectoryStream(paths.host(resolved, true))) {
        children.forEach(LocalSandbox::deleteTree);
      } catch (IOException e) {
        throw new Failure(Failure.Kind.INTERNAL, "error removing " + resolved);
      }
      return;
    }
    LocalSandbox.deleteTree(paths.host(resolved, false));
    if (Files.exists(paths.host(resolved, false), LinkOption.NOFOLLOW_LINKS)) {
      throw new Failure(Failure.Kind.INTERNAL, "error removing " + resolved);
    }
  }

  /**
   * Lists a directory depth-first, {@code depth} levels deep (0 means 1), not the directory itself.
   */
  public List<Entry> list(String path, int depth) {
    String resolved = paths.resolve(path);
    Path host = paths.host(resolved, true);
    if (!Files.exists(host)) {
      throw new Failure(Failure.Kind.NOT_FOUND, "directory not found: " + resolved);
    }
    if (!Files.isDirectory(host)) {
      throw new Failure(Failure.Kind.INVALID_ARGUMENT, "path is not a directory: " + resolved);
    }
    List<Entry> entries = new ArrayList<>();
    walk(resolved, host, Math.max(1, depth), entries);
    return entries;
  }

  private void walk(String sandboxDir, Path hostDir, int levelsLeft, List<Entry> into) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(hostDir)) {
      stream.forEach(children::add);
    } catch (IOException e) {
      return; // vanished or unreadable: skipped, as envd skips entries that vanish
    }
    children.sort(null);
    for (Path child : children) {
      String childPath = (sandboxDir.equals("/") ? "" : sandboxDir) + "/" + child.getFileName();
      Entry entry;
      try {
        entry = entry(childPath, child);
      } catch (Failure vanishedOrUnnamable) {
        continue; // also names this JVM cannot represent (non-UTF-8 bytes): stat fails on them
      }
      into.add(entry);
      if (levelsLeft > 1 && entry.type() == Type.DIRECTORY) {
        Path next;
        try {
          next = paths.host(childPath, true);
        } catch (Failure outside) {
          continue; // a link to outside the sandbox is listed, never entered
        }
        walk(childPath, next, levelsLeft - 1, into);
      }
    }
  }

  /** Describes a path (lstat, then the link's target for type and mode). */
  public Entry entry(String sandboxPath, Path host) {
    try {
      PosixFileAttributes own =
          Files.readAttributes(host, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Optional<String> target = Optional.empty();
      PosixFileAttributes described = own;
      if (own.isSymbolicLink()) {
        try {
          target = Optional.of(paths.realPath(sandboxPath));
          described =
              Files.readAttributes(paths.host(target.get(), true), PosixFileAttributes.class);
        } catch (Failure | IOException brokenOrOutside) {
          described = null;
        }
      }
      Type type =
          described == null
              ? Type.UNSPECIFIED
              : described.isDirectory() ? Type.DIRECTORY : Type.FILE;
      Set<PosixFilePermission> perms = (described == null ? own : described).permissions();
      String name = sandboxPath.substring(sandboxPath.lastIndexOf('/') + 1);
      return new Entry(
          name,
          type,
          sandboxPath,
          own.size(),
          modeBits(perms),
          permissionString(
              own.isSymbolicLink() ? 'L' : own.isDirectory() ? 'd' : '-', own.permissions()),
          own.owner().getName(),
          own.group().getName(),
          own.lastModifiedTime().toInstant(),
          target);
    } catch (NoSuchFileException e) {
      throw new Failure(Failure.Kind.NOT_FOUND, "file not found: " + sandboxPath);
    } catch (IOException | RuntimeException e) {
      if (e instanceof Failure failure) {
        throw failure;
      }
      throw new Failure(Failure.Kind.INTERNAL, "cannot stat " + sandboxPath);
    }
  }

  private static int modeBits(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (PosixFilePermission p : perms) {
      mode |= 1 << (8 - p.ordinal()); // OWNER_READ is ordinal 0 = 0400
    }
    return mode;
  }

  private static String permissionString(char kind, Set<PosixFilePermission> perms) {
    StringBuilder text = new StringBuilder().append(kind);
    String letters = "rwxrwxrwx";
    for (PosixFilePermission p : PosixFilePermission.values()) {
      text.append(perms.contains(p) ? letters.charAt(p.ordinal()) : '-');
    }
    return text.toString();
  }

  private static String describe(IOException e) {
    return e instanceof NoSuchFileException
        ? "no such file or directory"
        : e.getClass().getSimpleName();
  }
}
