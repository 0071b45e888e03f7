package dev.sandbox4j.local.internal.interpreter;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CodeInterpreter} runs its kernels: the interpreter programs and the time limits.
 *
 * @param pythonCommand the python program, looked up on the sandbox's PATH ({@code python3})
 * @param nodeCommand the javascript program ({@code node})
 * @param executionTimeout how long one execution may run when its request names no timeout; {@link
 *     Duration#ZERO} for no limit (the real server has none)
 * @param interruptGrace how long an interrupted execution may take to stop before its kernel is
 *     killed and restarted
 * @param keepaliveInterval the silence after which an execution's stream gets a keepalive line; it
 *     is also how soon a client that went away is noticed and its execution interrupted
 * @param startTimeout how long a kernel may take to start
 */
public record InterpreterSettings(
    String pythonCommand,
    String nodeCommand,
    Duration executionTimeout,
    Duration interruptGrace,
    Duration keepaliveInterval,
    Duration startTimeout) {

  /** Checks every value. */
  public InterpreterSettings {
    Objects.requireNonNull(pythonCommand, "pythonCommand");
    Objects.requireNonNull(nodeCommand, "nodeCommand");
    requireNotNegative(executionTimeout, "executionTimeout");
    requirePositive(interruptGrace, "interruptGrace");
    requirePositive(keepaliveInterval, "keepaliveInterval");
    requirePositive(startTimeout, "startTimeout");
  }

  /** python3 and node; no execution limit; 2 s grace; keepalives after 5 s; 30 s to start. */
  public static InterpreterSettings defaults() {
    return new InterpreterSettings(
        "python3",
        "node",
        Duration.ZERO,
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30));
  }

  /** A copy with another python program. */
  public InterpreterSettings withPythonCommand(String command) {
    return new InterpreterSettings(
        command, nodeCommand, executionTimeout, interruptGrace, keepaliveInterval, startTimeout);
  }

  /** A copy with another javascript program. */
  public InterpreterSettings withNodeCommand(String command) {
    return new InterpreterSettings(
        pythonCommand, command, executionTimeout, interruptGrace, keepaliveInterval, startTimeout);
  }

  /** A copy with another default execution limit ({@link Duration#ZERO}: none). */
  public InterpreterSettings withExecutionTimeout(Duration timeout) {
    return new InterpreterSettings(
        pythonCommand, nodeCommand, timeout, interruptGrace, keepaliveInterval, startTimeout);
  }

  /** A copy with another grace period after an interrupt. */
  public InterpreterSettings withInterruptGrace(Duration grace) {
    return new InterpreterSettings(
        pythonCommand, nodeCommand, executionTimeout, grace, keepaliveInterval, startTimeout);
  }

  /** A copy with another keepalive interval. */
  public InterpreterSettings withKeepaliveInterval(Duration interval) {
    return new InterpreterSettings(
        pythonCommand, nodeCommand, executionTimeout, interruptGrace, interval, startTimeout);
  }

  String command(KernelLanguage language) {
    return language == KernelLanguage.PYTHON ? pythonCommand : nodeCommand;
  }

  private static void requireNotNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }

  private static void requirePositive(Duration value, String name) {
    requireNotNegative(value, name);
    if (value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
