package dev.sandbox4j;

import com.google.gson.JsonObject;
import dev.sandbox4j.internal.ProtoJson;
import java.time.Instant;
import java.util.Optional;

/** A sandbox's resource usage at one moment, as its daemon measured it. */
public final class SandboxMetrics {
  private final Instant timestamp;
  private final int cpuCount;
  private final double cpuUsedPercent;
  private final long memoryTotal;
  private final long memoryUsed;
  private final long diskTotal;
  private final long diskUsed;

  SandboxMetrics(JsonObject wire) {
    long ts = ProtoJson.int64(wire, "ts");
    this.timestamp = ts == 0 ? null : Instant.ofEpochSecond(ts);
    this.cpuCount = (int) ProtoJson.int64(wire, "cpu_count");
    this.cpuUsedPercent =
        wire.has("cpu_used_pct") && wire.get("cpu_used_pct").isJsonPrimitive()
            ? wire.get("cpu_used_pct").getAsDouble()
            : 0;
    this.memoryTotal = ProtoJson.int64(wire, "mem_total");
    this.memoryUsed = ProtoJson.int64(wire, "mem_used");
    this.diskTotal = ProtoJson.int64(wire, "disk_total");
    this.diskUsed = ProtoJson.int64(wire, "disk_used");
  }

  /**
   * Returns when the sample was taken.
   *
   * @return the time, or empty when the daemon did not say
   */
  public Optional<Instant> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  /**
   * Returns the number of CPUs.
   *
   * @return the count
   */
  public int cpuCount() {
    return cpuCount;
  }

  /**
   * Returns the CPU use in percent.
   *
   * @return the percentage
   */
  public double cpuUsedPercent() {
    return cpuUsedPercent;
  }

  /**
   * Returns the total memory in bytes.
   *
   * @return bytes
   */
  public long memoryTotal() {
    return memoryTotal;
  }

  /**
   * Returns the used memory in bytes.
   *
   * @return bytes
   */
  public long memoryUsed() {
    return memoryUsed;
  }

  /**
   * Returns the disk size in bytes (0 when the daemon is older than 0.2.4).
   *
   * @return bytes
   */
  public long diskTotal() {
    return diskTotal;
  }

  /**
   * Returns the used disk space in bytes (0 when the daemon is older than 0.2.4).
   *
   * @return bytes
   */
  public long diskUsed() {
    return diskUsed;
  }

  @Override
  public String toString() {
    return "SandboxMetrics{cpuCount="
        + cpuCount
        + ", cpuUsedPercent="
        + cpuUsedPercent
        + ", memoryUsed="
        + memoryUsed
        + "/"
        + memoryTotal
        + ", diskUsed="
        + diskUsed
        + "/"
        + diskTotal
        + "}";
  }
}
