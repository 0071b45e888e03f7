package dev.sandbox4j;

import java.util.Objects;

/** An error the executed code raised: data about the user's code, not an SDK failure. */
public final class ExecutionError {
  private final String name;
  private final String value;
  private final String traceback;

  ExecutionError(String name, String value, String traceback) {
    this.name = name;
    this.value = value;
    this.traceback = traceback;
  }

  /**
   * Returns the error's type name, e.g. {@code ZeroDivisionError}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the error's message, e.g. {@code division by zero}.
   *
   * @return the message
   */
  public String value() {
    return value;
  }

  /**
   * Returns the traceback as the kernel printed it (it may hold ANSI colour codes).
   *
   * @return the traceback
   */
  public String traceback() {
    return traceback;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ExecutionError)) {
      return false;
    }
    ExecutionError other = (ExecutionError) o;
    return name.equals(other.name)
        && value.equals(other.value)
        && traceback.equals(other.traceback);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, value, traceback);
  }

  @Override
  public String toString() {
    return "ExecutionError{" + name + ": " + value + "}";
  }
}
