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
   * Copies a string map into an unmodifiable map that keeps the caller's order, rejecting null or
   * blank keys, null values, and (when {@code blankValuesAllowed} is false) blank values.
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

  /**
   * Copies a string map that came from a server (or mirrors one): only null keys and values are
   * rejected, since another client may have stored blank ones.
   */
  public static Map<String, String> stringMapAllowingBlanks(Map<String, String> map, String name) {
    nonNull(map, name);
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : map.entrySet()) {
      if (entry.getKey() == null || entry.getValue() == null) {
        throw new SandboxConfigurationException(name + " keys and values must not be null");
      }
      copy.put(entry.getKey(), entry.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Checks a timeout that OkHttp will enforce: zero or more, and at most {@link Integer#MAX_VALUE}
   * milliseconds (about 24 days), the largest OkHttp accepts.
   */
  public static Duration timeout(Duration value, String name) {
    nonNegative(value, name);
    if (value.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
      throw new SandboxConfigurationException(
          name + " must be at most " + Duration.ofMillis(Integer.MAX_VALUE) + ", got " + value);
    }
    return value;
  }

  /**
   * Checks that a header can be sent as it is (HTTP allows only visible ASCII and tabs in values);
   * the message names the header but never shows the value, which may be a secret.
   */
  public static void headerValue(String header, String value, String name) {
    try {
      new okhttp3.Headers.Builder().add(header, value);
    } catch (IllegalArgumentException e) {
      throw new SandboxConfigurationException(
          name
              + " cannot be sent as the HTTP header "
              + header
              + ": it holds a character HTTP headers do not allow (non-ASCII or a control"
              + " character)");
    }
  }

  /** Copies a map a builder was given, keeping null (checked later, in build()). */
  public static Map<String, String> copyOrNull(Map<String, String> map) {
    return map == null ? null : new LinkedHashMap<>(map);
  }

  /** Adds an entry to a builder's map, creating the map if it was set to null. */
  public static Map<String, String> with(Map<String, String> map, String key, String value) {
    Map<String, String> target = map == null ? new LinkedHashMap<>() : map;
    target.put(key, value);
    return target;
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
