package dev.sandbox4j.local.internal.runtime;

import dev.sandbox4j.local.Isolation;

/**
 * How the runtime runs sandboxes.
 *
 * @param isolation the requested isolation (AUTO picks bubblewrap when it works)
 * @param diskQuotaBytes the most bytes a sandbox's directory may hold after an upload (507 past it)
 * @param maxProcesses the most processes a sandbox may have at once, where a pid cgroup can be made
 */
public record RuntimeOptions(Isolation isolation, long diskQuotaBytes, int maxProcesses) {

  public static final long DEFAULT_DISK_QUOTA_BYTES = 1L << 30;
  public static final int DEFAULT_MAX_PROCESSES = 512;

  public static RuntimeOptions defaults() {
    return new RuntimeOptions(Isolation.AUTO, DEFAULT_DISK_QUOTA_BYTES, DEFAULT_MAX_PROCESSES);
  }
}
