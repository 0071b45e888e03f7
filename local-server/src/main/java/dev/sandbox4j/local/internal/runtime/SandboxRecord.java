package dev.sandbox4j.local.internal.runtime;

import java.util.Map;
import java.util.Optional;

/**
 * What the runtime needs to know of a sandbox the control plane holds.
 *
 * @param sandboxId the sandbox's ID
 * @param running true when running, false when paused
 * @param envVars the sandbox-wide environment variables given at create
 * @param accessToken the sandbox's {@code envdAccessToken} when it was created secure
 */
public record SandboxRecord(
    String sandboxId, boolean running, Map<String, String> envVars, Optional<String> accessToken) {

  public SandboxRecord {
    envVars = Map.copyOf(envVars);
  }

  /** Never shows the access token. */
  @Override
  public String toString() {
    return "SandboxRecord{" + sandboxId + (running ? ", running" : ", paused") + "}";
  }
}
