package dev.sandbox4j.local.internal;

import java.time.Duration;
import java.util.Map;

/**
 * What a new sandbox is made from, whether a create request or a test seed asked for it.
 *
 * @param templateId the template's ID (resolved from an alias when the catalog knows it)
 * @param alias the template's alias, or null when it has none
 * @param metadata caller-defined pairs, matched by the list filter
 * @param envVars environment variables (kept, never served back)
 * @param lifetime time from start until the sandbox's lifetime ends
 * @param autoPause pause instead of kill when the lifetime ends
 * @param autoResume the lifecycle's {@code autoResume} flag (only with autoPause)
 * @param secure whether the sandbox gets an {@code envdAccessToken}
 * @param allowInternetAccess the requested internet access, or null when not given
 */
record SandboxBlueprint(
    String templateId,
    String alias,
    Map<String, String> metadata,
    Map<String, String> envVars,
    Duration lifetime,
    boolean autoPause,
    boolean autoResume,
    boolean secure,
    Boolean allowInternetAccess) {

  SandboxBlueprint {
    metadata = Map.copyOf(metadata);
    envVars = Map.copyOf(envVars);
  }

  /** The characters of metadata and envVars a sandbox made from this holds. */
  long heldChars() {
    return chars(metadata) + chars(envVars);
  }

  static long chars(Map<String, String> pairs) {
    long chars = 0;
    for (Map.Entry<String, String> pair : pairs.entrySet()) {
      chars += pair.getKey().length() + pair.getValue().length();
    }
    return chars;
  }
}
