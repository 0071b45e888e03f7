package dev.sandbox4j.errors;

import java.util.Optional;

/**
 * Thrown when a command run in a sandbox exited with a non-zero code; it carries what the command
 * printed, so nothing is lost by the throw.
 */
public class CommandExitException extends SandboxException {
  private static final long serialVersionUID = 1L;

  /** The command's exit code, never 0 (-1 when a signal ended it). */
  private final int exitCode;

  /** Everything the command wrote to stdout. */
  private final String stdout;

  /** Everything the command wrote to stderr. */
  private final String stderr;

  /** The daemon's description of the exit, e.g. {@code exit status 2}, or null. */
  private final String error;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param exitCode the exit code
   * @param stdout the command's stdout
   * @param stderr the command's stderr
   * @param error the daemon's description of the exit, or {@code null}
   */
  public CommandExitException(
      String message, int exitCode, String stdout, String stderr, String error) {
    super(message, null, 1);
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.error = error;
  }

  /**
   * Returns the command's exit code: non-zero, and -1 when a signal ended it.
   *
   * @return the exit code
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * Returns everything the command wrote to stdout.
   *
   * @return the output
   */
  public String stdout() {
    return stdout;
  }

  /**
   * Returns everything the command wrote to stderr.
   *
   * @return the output
   */
  public String stderr() {
    return stderr;
  }

  /**
   * Returns the daemon's description of the exit, e.g. {@code exit status 2} or {@code signal:
   * killed}.
   *
   * @return the description, or empty
   */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }
}
