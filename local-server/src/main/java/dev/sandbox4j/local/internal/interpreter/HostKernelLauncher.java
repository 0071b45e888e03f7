package dev.sandbox4j.local.internal.interpreter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs kernels directly on the host, unisolated, as the current user: the sandbox's home directory
 * {@value #SANDBOX_HOME} (and everything below it) is mapped to a host directory, other absolute
 * paths are used as they are. Kernels get the host's {@code PATH}, {@code HOME} (the mapped
 * directory), {@code LANG=C.UTF-8} and the variables the interpreter asks for, nothing else of this
 * JVM's environment.
 */
public final class HostKernelLauncher implements KernelLauncher {

  /** The home directory as sandboxes see it. */
  public static final String SANDBOX_HOME = "/home/user";

  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

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
    Map<String, String> environment = builder.environment();
    // Never this JVM's own variables: they may hold credentials the code must not see.
    environment.clear();
    environment.put("PATH", System.getenv().getOrDefault("PATH", DEFAULT_PATH));
    environment.put("HOME", home.toString());
    environment.put("LANG", "C.UTF-8");
    environment.putAll(env);
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
