package dev.sandbox4j.local.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The body of GET /sandboxes/{id}/metrics: plausible resource figures, since nothing runs inside an
 * emulated sandbox. One point every {@value #STEP_SECONDS} s of the sandbox's run (from its {@code
 * startedAt} to now, or to when it paused) inside the requested window, at most {@value
 * #MAX_POINTS} (the latest); totals match the sizes the list reports. A real runtime would put its
 * processes' figures here.
 */
final class SandboxMetrics {

  static final int STEP_SECONDS = 5;
  static final int MAX_POINTS = 1000;
  private static final long MIB = 1024L * 1024;

  private SandboxMetrics() {}

  static JsonArray between(
      StoredSandbox sandbox, Optional<Instant> start, Optional<Instant> end, Instant now) {
    Instant runEnd = sandbox.isRunning() ? now : sandbox.endAt();
    Instant from = start.filter(s -> s.isAfter(sandbox.startedAt())).orElse(sandbox.startedAt());
    Instant to = end.filter(e -> e.isBefore(runEnd)).orElse(runEnd);
    JsonArray points = new JsonArray();
    if (to.isBefore(from)) {
      return points;
    }
    long first = ceilDiv(Duration.between(sandbox.startedAt(), from).getSeconds(), STEP_SECONDS);
    long last = Duration.between(sandbox.startedAt(), to).getSeconds() / STEP_SECONDS;
    for (long k = Math.max(first, last - MAX_POINTS + 1); k <= last; k++) {
      points.add(point(sandbox.startedAt().plusSeconds(k * STEP_SECONDS), k));
    }
    return points;
  }

  private static JsonObject point(Instant at, long step) {
    JsonObject point = new JsonObject();
    point.addProperty("timestamp", at.toString());
    point.addProperty("timestampUnix", at.getEpochSecond());
    point.addProperty("cpuCount", WireModels.CPU_COUNT);
    point.addProperty("cpuUsedPct", 1.0 + (step % 7) * 0.5);
    point.addProperty("memUsed", (96 + step % 16) * MIB);
    point.addProperty("memTotal", WireModels.MEMORY_MB * MIB);
    point.addProperty("diskUsed", 256 * MIB);
    point.addProperty("diskTotal", WireModels.DISK_SIZE_MB * MIB);
    return point;
  }

  private static long ceilDiv(long value, long divisor) {
    return -Math.floorDiv(-value, divisor);
  }
}
