package dev.sandbox4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints the timing program's results: latencies in microseconds and the ratios between them. */
final class ResultTable {

  private record ScalingRow(String label, LatencySummary baseline, LatencySummary large) {}

  private final List<ScalingRow> scalingRows = new ArrayList<>();

  void addScaling(String label, LatencySummary baseline, LatencySummary large) {
    scalingRows.add(new ScalingRow(label, baseline, large));
  }

  /** One row per case: both fleets' median, p90 and p99, then the large-to-baseline ratios. */
  void printScaling(String baselineName, String largeName) {
    System.out.println("List-page latency through the SDK, microseconds");
    System.out.printf(
        Locale.ROOT,
        "%-28s %25s   %25s   %s%n",
        "",
        baselineName + ": median / p90 / p99",
        largeName + ": median / p90 / p99",
        "ratio " + largeName + "/" + baselineName + ": median (p90)");
    for (ScalingRow row : scalingRows) {
      System.out.printf(
          Locale.ROOT,
          "%-28s %25s   %25s   %.2f (%.2f)%n",
          row.label,
          triple(row.baseline),
          triple(row.large),
          row.large.medianMicros() / row.baseline.medianMicros(),
          row.large.p90Micros() / row.baseline.p90Micros());
    }
  }

  /** The raw client's and the SDK's latency for the same page, and the SDK-to-raw ratios. */
  void printOverhead(String what, LatencySummary raw, LatencySummary sdk) {
    String ratios =
        String.format(
            Locale.ROOT,
            "%.2f (%.2f)",
            sdk.medianMicros() / raw.medianMicros(),
            sdk.p90Micros() / raw.p90Micros());
    System.out.printf(
        Locale.ROOT, "%nSDK against the generated client (client.raw()), %s, microseconds%n", what);
    System.out.printf(Locale.ROOT, "%-30s %25s%n", "", "median / p90 / p99");
    System.out.printf(Locale.ROOT, "%-30s %25s%n", "raw listSandboxesWithHttpInfo", triple(raw));
    System.out.printf(Locale.ROOT, "%-30s %25s%n", "SDK list(query).nextItems()", triple(sdk));
    System.out.printf(Locale.ROOT, "%-30s %25s%n", "ratio SDK/raw: median (p90)", ratios);
  }

  private static String triple(LatencySummary summary) {
    return String.format(
        Locale.ROOT,
        "%.0f / %.0f / %.0f",
        summary.medianMicros(),
        summary.p90Micros(),
        summary.p99Micros());
  }
}
