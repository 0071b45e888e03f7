package dev.sandbox4j.local.internal;

import dev.sandbox4j.generated.model.SandboxState;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which sandboxes a list request wants: any of {@code states}, carrying every metadata pair.
 *
 * @param states the accepted states (never empty)
 * @param metadata pairs that must all match exactly
 */
record ListFilter(Set<SandboxState> states, Map<String, String> metadata) {

  ListFilter {
    states = Set.copyOf(EnumSet.copyOf(states));
    metadata = Map.copyOf(metadata);
  }

  boolean matches(StoredSandbox sandbox) {
    if (!states.contains(sandbox.state())) {
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
