package dev.sandbox4j.internal;

/**
 * Compares the daemon's version with the versions that introduced features. A version that is
 * absent or unreadable counts as new: the gates only protect old sandboxes that report one.
 */
public final class EnvdVersion {
  /** Recursive watching. */
  public static final String RECURSIVE_WATCH = "0.1.4";

  /** {@code /metrics}. */
  public static final String METRICS = "0.1.5";

  /** An explicit {@code stdin: false}. */
  public static final String COMMANDS_STDIN = "0.3.0";

  /** The template's default user; older daemons need a user named. */
  public static final String DEFAULT_USER = "0.4.0";

  /** {@code CloseStdin}. */
  public static final String CLOSE_STDIN = "0.5.2";

  /** Raw-body uploads. */
  public static final String OCTET_STREAM_UPLOAD = "0.5.7";

  private EnvdVersion() {}

  /** Whether {@code version} is at least {@code minimum}. */
  public static boolean atLeast(String version, String minimum) {
    int[] have = parse(version);
    if (have == null) {
      return true;
    }
    int[] need = parse(minimum);
    for (int i = 0; i < 3; i++) {
      if (have[i] != need[i]) {
        return have[i] > need[i];
      }
    }
    return true;
  }

  private static int[] parse(String version) {
    if (version == null) {
      return null;
    }
    String core = version.trim();
    if (core.startsWith("v")) {
      core = core.substring(1);
    }
    core = core.split("[-+]", 2)[0];
    String[] parts = core.split("\\.");
    int[] numbers = new int[3];
    try {
      for (int i = 0; i < 3; i++) {
        numbers[i] = i < parts.length ? Integer.parseInt(parts[i]) : 0;
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return numbers;
  }
}
