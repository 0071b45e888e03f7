package dev.sandbox4j.local.internal;

import dev.sandbox4j.generated.model.SandboxState;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which sandboxes a list request wants: any of {@code states}, carrying every metadata pair,
 * started at or after {@code startedAfter}, made from {@code template} (by ID or alias).
 *
 * @param states the accepted states (never empty)
 * @param metadata pairs that must all match exactly
 * @param startedAfter the inclusive lower bound on {@code startedAt}, if any
 * @param template the template ID or alias sandboxes must come from, if any
 */
record ListFilter(
    Set<SandboxState> states,
    Map<String, String> metadata,
    Optional<Instant> startedAfter,
    Optional<String> template) {

  ListFilter {
    states = Set.copyOf(EnumSet.copyOf(states));
    metadata = Map.copyOf(metadata);
  }

  /** A filter on states and metadata only. */
  ListFilter(Set<SandboxState> states, Map<String, String> metadata) {
    this(states, metadata, Optional.empty(), Optional.empty());
  }

  boolean matches(StoredSandbox sandbox) {
    if (!states.contains(sandbox.state())) {
      return false;
    }
    if (startedAfter.isPresent() && sandbox.startedAt().isBefore(startedAfter.get())) {
      return false;
    }
    if (template.isPresent()
        && !template.get().equals(sandbox.templateId())
        && !template.get().equals(sandbox.alias())) {
      return false;
    }
    for (Map.Entry<String, String> pair : metadata.entrySet()) {
      if (!pair.getValue().equals(sandbox.metadata().get(pair.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
