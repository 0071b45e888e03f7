package dev.sandbox4j.local.internal.interpreter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs kernels directly on the host, unisolated, as the current user: the sandbox's home directory
 * {@value #SANDBOX_HOME} (and everything below it) is mapped to a host directory, other absolute
 * paths are used as they are.
 */
public final class HostKernelLauncher implements KernelLauncher {

  /** The home directory as sandboxes see it. */
  public static final String SANDBOX_HOME = "/home/user";

  private final Path home;

  /** A launcher that maps {@value #SANDBOX_HOME} to {@code home}. */
  public HostKernelLauncher(Path home) {
    this.home = home.toAbsolutePath();
  }

  @Override
  public Process launch(List<String> argv, Map<String, String> env, String cwd) throws IOException {
    Path directory = hostPath(cwd);
    if (!Files.isDirectory(directory)) {
      throw new IOException("The working directory " + cwd + " does not exist");
    }
    ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
    builder.environment().putAll(env);
    builder.environment().put("HOME", home.toString());
    return builder.start();
  }

  private Path hostPath(String cwd) {
    if (cwd.equals(SANDBOX_HOME)) {
      return home;
    }
    if (cwd.startsWith(SANDBOX_HOME + "/")) {
      return home.resolve(cwd.substring(SANDBOX_HOME.length() + 1)).normalize();
    }
    return Path.of(cwd);
  }
}
