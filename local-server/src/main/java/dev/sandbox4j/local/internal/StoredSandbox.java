package dev.sandbox4j.local.internal;

import dev.sandbox4j.generated.model.SandboxState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * One sandbox as the server holds it. Immutable: a state change stores a new copy, so the indexes
 * can compare the old and new versions.
 *
 * @param sandboxId the ID, matching {@code ^[a-z0-9]+$}
 * @param templateId the ID of the template it was created from
 * @param alias that template's alias, or null
 * @param metadata caller-defined pairs
 * @param envVars environment variables given at create
 * @param startedAt when it was created
 * @param endAt when its lifetime ends (for a paused sandbox: when it was paused)
 * @param state {@link SandboxState#RUNNING} or {@link SandboxState#PAUSED}
 * @param autoPause pause instead of kill when the lifetime ends
 * @param autoResume the lifecycle's autoResume flag
 * @param envdAccessToken the daemon token of a secure sandbox, else null
 * @param allowInternetAccess the requested internet access, or null when never set
 */
record StoredSandbox(
    String sandboxId,
    String templateId,
    String alias,
    Map<String, String> metadata,
    Map<String, String> envVars,
    Instant startedAt,
    Instant endAt,
    SandboxState state,
    boolean autoPause,
    boolean autoResume,
    String envdAccessToken,
    Boolean allowInternetAccess) {

  /**
   * Holds both timestamps at microsecond precision, the precision of the real server's timestamps,
   * whatever produced them (a seed's spacing or lifetime may carry nanoseconds).
   */
  StoredSandbox {
    startedAt = startedAt.truncatedTo(ChronoUnit.MICROS);
    endAt = endAt.truncatedTo(ChronoUnit.MICROS);
  }

  static StoredSandbox of(
      SandboxBlueprint blueprint,
      String sandboxId,
      Instant startedAt,
      Instant endAt,
      SandboxState state,
      String envdAccessToken) {
    return new StoredSandbox(
        sandboxId,
        blueprint.templateId(),
        blueprint.alias(),
        blueprint.metadata(),
        blueprint.envVars(),
        startedAt,
        endAt,
        state,
        blueprint.autoPause(),
        blueprint.autoPause() && blueprint.autoResume(),
        envdAccessToken,
        blueprint.allowInternetAccess());
  }

  /** The characters of metadata and envVars this sandbox holds. */
  long heldChars() {
    return SandboxBlueprint.chars(metadata) + SandboxBlueprint.chars(envVars);
  }

  SortKey sortKey() {
    return new SortKey(startedAt, sandboxId);
  }

  ExpiryKey expiryKey() {
    return new ExpiryKey(endAt, sandboxId);
  }

  boolean isRunning() {
    return state == SandboxState.RUNNING;
  }

  StoredSandbox running(Instant newEndAt) {
    return copy(SandboxState.RUNNING, newEndAt);
  }

  /** Running again from a new start (a resume): new {@code startedAt} and {@code endAt}. */
  StoredSandbox restarted(Instant newStartedAt, Instant newEndAt) {
    return new StoredSandbox(
        sandboxId,
        templateId,
        alias,
        metadata,
        envVars,
        newStartedAt,
        newEndAt,
        SandboxState.RUNNING,
        autoPause,
        autoResume,
        envdAccessToken,
        allowInternetAccess);
  }

  StoredSandbox paused(Instant pausedAt) {
    return copy(SandboxState.PAUSED, pausedAt);
  }

  private StoredSandbox copy(SandboxState newState, Instant newEndAt) {
    return new StoredSandbox(
        sandboxId,
        templateId,
        alias,
        metadata,
        envVars,
        startedAt,
        newEndAt,
        newState,
        autoPause,
        autoResume,
        envdAccessToken,
        allowInternetAccess);
  }
}
