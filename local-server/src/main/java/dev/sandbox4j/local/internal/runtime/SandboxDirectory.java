package dev.sandbox4j.local.internal.runtime;

import java.util.Optional;

/** The control plane as the runtime sees it: which sandboxes exist now, and in which state. */
@FunctionalInterface
public interface SandboxDirectory {

  /** Returns the sandbox if it exists now (running or paused), applying any expiry first. */
  Optional<SandboxRecord> find(String sandboxId);
}
