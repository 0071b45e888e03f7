package dev.sandbox4j.benchmarks;

import java.util.Arrays;

/** The median, p90 and p99 of a set of latency samples, in microseconds. */
record LatencySummary(double medianMicros, double p90Micros, double p99Micros, int samples) {

  static LatencySummary of(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new LatencySummary(
        micros(percentile(sorted, 0.50)),
        micros(percentile(sorted, 0.90)),
        micros(percentile(sorted, 0.99)),
        sorted.length);
  }

  /** Nearest rank: the smallest sample that {@code fraction} of all samples do not exceed. */
  private static long percentile(long[] sorted, double fraction) {
    int rank = (int) Math.ceil(fraction * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double micros(long nanos) {
    return nanos / 1_000.0;
  }
}
