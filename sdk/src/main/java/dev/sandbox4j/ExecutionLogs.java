package dev.sandbox4j;

import java.util.List;

/** What executed code printed, chunk by chunk as the kernel sent it. */
public final class ExecutionLogs {
  private final List<String> stdout;
  private final List<String> stderr;

  ExecutionLogs(List<String> stdout, List<String> stderr) {
    this.stdout = List.copyOf(stdout);
    this.stderr = List.copyOf(stderr);
  }

  /**
   * Returns the stdout chunks.
   *
   * @return the chunks, in order
   */
  public List<String> stdout() {
    return stdout;
  }

  /**
   * Returns the stderr chunks.
   *
   * @return the chunks, in order
   */
  public List<String> stderr() {
    return stderr;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExecutionLogs
        && stdout.equals(((ExecutionLogs) o).stdout)
        && stderr.equals(((ExecutionLogs) o).stderr);
  }

  @Override
  public int hashCode() {
    return stdout.hashCode() * 31 + stderr.hashCode();
  }

  @Override
  public String toString() {
    return "ExecutionLogs{stdout="
        + stdout.size()
        + " chunks, stderr="
        + stderr.size()
        + " chunks}";
  }
}
