package dev.sandbox4j.local.internal.runtime;

import dev.sandbox4j.local.Isolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds the host command line that runs a sandbox command confined as the sandbox's isolation mode
 * says: under bubblewrap (own mount, pid, ipc and uts namespaces, no capabilities, the sandbox's
 * directories bound at {@code /home/user} and {@code /tmp}, the host's system directories
 * read-only), or directly on the host in the sandbox's home directory. Either way the process first
 * joins the sandbox's pid cgroup when there is one.
 */
final class Confinement {

  /** The host directories a confined command sees, read-only, when they exist. */
  private static final List<String> SYSTEM_DIRECTORIES =
      List.of(
          "/usr",
          "/bin",
          "/sbin",
          "/lib",
          "/lib32",
          "/lib64",
          "/libx32",
          "/etc",
          "/opt",
          "/run/systemd/resolve"); // where /etc/resolv.conf points on systemd hosts

  private static final String SANDBOX_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private static volatile Boolean bwrapWorks;

  private final Isolation mode;
  private final SandboxPaths paths;
  private final String hostname;
  private final Optional<PidLimit> pidLimit;

  Confinement(Isolation mode, SandboxPaths paths, String hostname, Optional<PidLimit> pidLimit) {
    if (mode == Isolation.AUTO) {
      throw new IllegalArgumentException("resolve AUTO first");
    }
    this.mode = mode;
    this.paths = paths;
    this.hostname = hostname;
    this.pidLimit = pidLimit;
  }

  /**
   * The mapped sandbox directories for a mode: home and /tmp under bubblewrap, home only without.
   */
  static List<String> mappedDirectories(Isolation mode) {
    return mode == Isolation.BWRAP
        ? List.of(SandboxPaths.HOME, "/tmp")
        : List.of(SandboxPaths.HOME);
  }

  /** Whether {@code bwrap} is installed and can create its namespaces here (checked once). */
  static boolean bubblewrapWorks() {
    Boolean known = bwrapWorks;
    if (known == null) {
      known = probeBubblewrap();
      bwrapWorks = known;
    }
    return known;
  }

  private static boolean probeBubblewrap() {
    try {
      Process probe =
          new ProcessBuilder(
                  "bwrap",
                  "--ro-bind",
                  "/",
                  "/",
                  "--unshare-pid",
                  "--unshare-ipc",
                  "--unshare-uts",
                  "--die-with-parent",
                  "--cap-drop",
                  "ALL",
                  "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!probe.waitFor(10, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        return false;
      }
      return probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  Isolation mode() {
    return mode;
  }

  /**
   * Prepares a process: the full host command line, its environment and working directory.
   *
   * @param argv the command as the sandbox sees it
   * @param env the complete environment the command should get (PATH and HOME are set here when
   *     absent)
   * @param cwd a clean sandbox path of an existing directory
   */
  ProcessBuilder builder(List<String> argv, Map<String, String> env, String cwd) {
    List<String> command = new ArrayList<>();
    pidLimit.ifPresent(
        limit -> {
          // Join the cgroup before anything else runs, then become the real command.
          command.addAll(
              List.of(
                  "/bin/sh",
                  "-c",
                  "echo $$ > \"$0\" && exec \"$@\"",
                  limit.procsFile().toString()));
        });
    Map<String, String> environment = new LinkedHashMap<>();
    Path hostCwd;
    if (mode == Isolation.BWRAP) {
      command.addAll(bubblewrapArguments(cwd));
      environment.put("PATH", SANDBOX_PATH);
      environment.put("HOME", SandboxPaths.HOME);
      hostCwd = paths.hostDirectory(SandboxPaths.HOME);
    } else {
      environment.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse(SANDBOX_PATH));
      environment.put("HOME", paths.host(SandboxPaths.HOME, true).toString());
      hostCwd = paths.host(cwd, true);
    }
    command.addAll(argv);
    environment.putAll(env);
    ProcessBuilder builder = new ProcessBuilder(command).directory(hostCwd.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    return builder;
  }

  private List<String> bubblewrapArguments(String cwd) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bwrap",
                "--die-with-parent",
                "--unshare-pid",
                "--unshare-ipc",
                "--unshare-uts",
                "--hostname",
                hostname,
                "--cap-drop",
                "ALL"));
    for (String dir : SYSTEM_DIRECTORIES) {
      Path path = Path.of(dir);
      try {
        if (Files.isSymbolicLink(path)) {
          args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), dir));
        } else if (Files.isDirectory(path)) {
          args.addAll(List.of("--ro-bind", dir, dir));
        }
      } catch (IOException e) {
        // an unreadable system directory is simply not offered to the sandbox
      }
    }
    args.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
    for (String dir : paths.mappedDirectories()) {
      args.addAll(List.of("--bind", paths.hostDirectory(dir).toString(), dir));
    }
    args.addAll(List.of("--chdir", cwd, "--"));
    return args;
  }
}
