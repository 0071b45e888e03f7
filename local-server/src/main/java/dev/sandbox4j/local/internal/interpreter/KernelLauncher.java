package dev.sandbox4j.local.internal.interpreter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Starts the process of one code-interpreter kernel inside a sandbox.
 *
 * <p>The sandbox runtime supplies the implementation that isolates the process (its root directory,
 * bubblewrap); {@link HostKernelLauncher} runs it directly on the host. The returned process's
 * stdin, stdout and stderr must be pipes to this JVM, kept apart (stderr not merged into stdout,
 * nothing inherited): the kernel speaks its protocol on stdin and stdout.
 */
@FunctionalInterface
public interface KernelLauncher {

  /**
   * Starts {@code argv} in the sandbox.
   *
   * @param argv the program and its arguments; the program is looked up on the sandbox's PATH
   * @param env variables the kernel needs on top of the sandbox's usual environment
   * @param cwd the working directory as the sandbox sees it, such as {@code /home/user}
   * @throws IOException if the process cannot be started (a missing program, a missing cwd)
   */
  Process launch(List<String> argv, Map<String, String> env, String cwd) throws IOException;
}
