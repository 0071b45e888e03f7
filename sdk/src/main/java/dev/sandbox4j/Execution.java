package dev.sandbox4j;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What running code produced: its results, what it printed, the error it raised (if any) and the
 * kernel's execution count.
 */
public final class Execution {
  private final List<ExecutionResult> results;
  private final ExecutionLogs logs;
  private final ExecutionError error;
  private final Integer executionCount;

  Execution(
      List<ExecutionResult> results, ExecutionLogs logs, ExecutionError error, Integer count) {
    this.results = List.copyOf(results);
    this.logs = logs;
    this.error = error;
    this.executionCount = count;
  }

  /**
   * Returns the rich outputs, in order.
   *
   * @return the results
   */
  public List<ExecutionResult> results() {
    return results;
  }

  /**
   * Returns the text of the main result (the value of the last expression).
   *
   * @return the text, or empty when there is no main result or it has no text
   */
  public Optional<String> text() {
    for (ExecutionResult result : results) {
      if (result.isMainResult()) {
        return result.text();
      }
    }
    return Optional.empty();
  }

  /**
   * Returns what the code printed.
   *
   * @return the logs
   */
  public ExecutionLogs logs() {
    return logs;
  }

  /**
   * Returns the error the code raised.
   *
   * @return the error, or empty when it ran through
   */
  public Optional<ExecutionError> error() {
    return Optional.ofNullable(error);
  }

  /**
   * Returns the kernel's execution counter for this run.
   *
   * @return the count, or empty when the kernel did not send one
   */
  public OptionalInt executionCount() {
    return executionCount == null ? OptionalInt.empty() : OptionalInt.of(executionCount);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Execution)) {
      return false;
    }
    Execution other = (Execution) o;
    return results.equals(other.results)
        && logs.equals(other.logs)
        && Objects.equals(error, other.error)
        && Objects.equals(executionCount, other.executionCount);
  }

  @Override
  public int hashCode() {
    return Objects.hash(results, logs, error, executionCount);
  }

  @Override
  public String toString() {
    return "Execution{results="
        + results.size()
        + ", logs="
        + logs
        + (error == null ? "" : ", error=" + error)
        + ", executionCount="
        + executionCount
        + "}";
  }
}
