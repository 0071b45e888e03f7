package dev.sandbox4j;

import java.util.Objects;
import java.util.Optional;

/** What a finished command left: its exit code and everything it printed. */
public final class CommandResult {
  private final int exitCode;
  private final String stdout;
  private final String stderr;
  private final String error;

  CommandResult(int exitCode, String stdout, String stderr, String error) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.error = error;
  }

  /**
   * Returns the exit code; -1 when a signal ended the command.
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
   * Returns the daemon's description of a failed exit, e.g. {@code exit status 2}.
   *
   * @return the description, or empty after a successful exit
   */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CommandResult)) {
      return false;
    }
    CommandResult other = (CommandResult) o;
    return exitCode == other.exitCode
        && stdout.equals(other.stdout)
        && stderr.equals(other.stderr)
        && Objects.equals(error, other.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exitCode, stdout, stderr, error);
  }

  @Override
  public String toString() {
    return "CommandResult{exitCode="
        + exitCode
        + ", stdout="
        + stdout.length()
        + " chars, stderr="
        + stderr.length()
        + " chars"
        + (error == null ? "" : ", error=" + error)
        + "}";
  }
}
