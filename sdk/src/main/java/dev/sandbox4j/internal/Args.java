package dev.sandbox4j.internal;

import dev.sandbox4j.errors.SandboxConfigurationException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Argument checks shared by the builders and the client; each failure names the argument. */
public final class Args {
  private Args() {}

  /**
   * Checks a sandbox id. Any non-blank id is sent (escaped) except "." and "..", which no URL
   * library can carry as a path segment without resolving it to another path.
   */
  public static String sandboxId(String id) {
    if (id == null || id.isBlank()) {
      throw new SandboxConfigurationException("sandboxId must not be null or blank");
    }
    if (id.equals(".") || id.equals("..")) {
      throw new SandboxConfigurationException(
          "sandboxId must not be \".\" or \"..\": it would address another path");
    }
    return id;
  }

  /** Checks that a string argument is present and not blank. */
  public static String nonBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new SandboxConfigurationException(name + " must not be null or blank");
    }
    return value;
  }

  /** Checks that an argument is not null. */
  public static <T> T nonNull(T value, String name) {
    if (value == null) {
      throw new SandboxConfigurationException(name + " must not be null");
    }
    return value;
  }

  /** Checks a duration that must be zero or more. */
  public static Duration nonNegative(Duration value, String name) {
    nonNull(value, name);
    if (value.isNegative()) {
      throw new SandboxConfigurationException(name + " must not be negative, got " + value);
    }
    return value;
  }

  /**
   * Copies a string map into an unmodifiable map that keeps the caller's order, rejecting null
   * or blank keys, null values, and (when {@code blankValuesAllowed} is false) blank values.
   */
  public static Map<String, String> stringMap(
      Map<String, String> map, String name, boolean blankValuesAllowed) {
    nonNull(map, name);
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : map.entrySet()) {
      putChecked(copy, entry.getKey(), entry.getValue(), name, blankValuesAllowed);
    }
    return Collections.unmodifiableMap(copy);
  }

  /** Adds one checked entry to a map under construction. */
  public static void putChecked(
      Map<String, String> target,
      String key,
      String value,
      String name,
      boolean blankValuesAllowed) {
    if (key == null || key.isBlank()) {
      throw new SandboxConfigurationException(name + " keys must not be null or blank");
    }
    if (value == null) {
      throw new SandboxConfigurationException(name + " value of \"" + key + "\" must not be null");
    }
    if (!blankValuesAllowed && value.isBlank()) {
      throw new SandboxConfigurationException(name + " value of \"" + key + "\" must not be blank");
    }
    target.put(key, value);
  }
}
