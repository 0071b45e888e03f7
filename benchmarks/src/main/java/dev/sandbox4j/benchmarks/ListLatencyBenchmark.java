package dev.sandbox4j.benchmarks;

import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.SandboxListQuery;
import dev.sandbox4j.generated.api.SandboxesApi;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Measures how long one list page takes through the SDK when the server holds 100 000 sandboxes,
 * against a baseline of 1 000 held in the same run, and what the SDK adds over the generated client
 * it wraps.
 *
 * <p>Both fleets live on their own {@link dev.sandbox4j.local.LocalSandboxServer} in this JVM, so a
 * page costs a real loopback HTTP round trip, JSON on both sides and the server's index lookup. For
 * each {@link ListPageCase} the two fleets are timed in alternation ({@link PairedTimer}); the
 * ratio of their medians is what the O(log n + page) claim predicts to stay near 1. Run on demand:
 * see the module README.
 */
public final class ListLatencyBenchmark {

  static final int BASELINE_SIZE = 1_000;
  static final int LARGE_SIZE = 100_000;

  private ListLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchmarkOptions options = BenchmarkOptions.parse(args);
    PairedTimer timer = new PairedTimer(options);
    long runStart = System.nanoTime();
    printHeader(options);

    try (SeededFleet baseline = SeededFleet.start(BASELINE_SIZE);
        SeededFleet large = seedTimed(LARGE_SIZE)) {
      printFleets(baseline, large);
      ResultTable table = new ResultTable();
      for (ListPageCase pageCase : ListPageCase.values()) {
        pageCase.verify(baseline);
        pageCase.verify(large);
        SandboxListQuery baselineQuery = pageCase.query(baseline);
        SandboxListQuery largeQuery = pageCase.query(large);
        PairedTimer.Samples samples =
            timer.run(
                () -> baseline.client().list(baselineQuery).nextItems().size(),
                () -> large.client().list(largeQuery).nextItems().size(),
                SeededFleet.PAGE_SIZE);
        table.addScaling(
            pageCase.label(),
            LatencySummary.of(samples.first()),
            LatencySummary.of(samples.second()));
      }
      table.printScaling("1k", "100k");

      measureSdkOverhead(timer, large, table);
    }
    System.out.printf(Locale.ROOT, "%nWhole run: %.1f s%n", (System.nanoTime() - runStart) / 1e9);
  }

  /**
   * Times the SDK's first page against the same request through {@code client.raw()}: the same
   * OkHttp client, interceptors and connection pool, minus the SDK's paginator and mapping into
   * {@code SandboxInfo}.
   */
  private static void measureSdkOverhead(PairedTimer timer, SeededFleet fleet, ResultTable table)
      throws Exception {
    SandboxClient client = fleet.client();
    SandboxesApi raw = client.raw().sandboxes();
    SandboxListQuery query = ListPageCase.FIRST_PAGE.query(fleet);
    PageFetch rawPage =
        () -> {
          int limit = SeededFleet.PAGE_SIZE;
          return raw.listSandboxesWithHttpInfo(null, null, limit, null).getData().size();
        };
    PairedTimer.Samples samples =
        timer.run(rawPage, () -> client.list(query).nextItems().size(), SeededFleet.PAGE_SIZE);
    table.printOverhead(
        String.format(Locale.ROOT, "first page of the %,d-sandbox fleet", fleet.size()),
        LatencySummary.of(samples.first()),
        LatencySummary.of(samples.second()));
  }

  private static SeededFleet seedTimed(int size) {
    long start = System.nanoTime();
    SeededFleet fleet = SeededFleet.start(size);
    System.out.printf(
        Locale.ROOT,
        "Seeded %,d sandboxes and walked to the middle page in %.1f s%n",
        size,
        (System.nanoTime() - start) / 1e9);
    return fleet;
  }

  private static void printHeader(BenchmarkOptions options) {
    Runtime runtime = Runtime.getRuntime();
    System.out.printf(
        Locale.ROOT,
        "sandbox4j list-page latency, %s%n"
            + "Java %s (%s), %d CPU(s), max heap %d MB%n"
            + "Page size %d; per case %d warm-up + %d timed rounds, the two fleets interleaved%n",
        LocalDate.now(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        runtime.availableProcessors(),
        runtime.maxMemory() / (1024 * 1024),
        SeededFleet.PAGE_SIZE,
        options.warmup(),
        options.iterations());
  }

  private static void printFleets(SeededFleet baseline, SeededFleet large) {
    System.out.printf(
        Locale.ROOT,
        "Rare pair %s=%s on %,d of %,d (%.1f%%) and %,d of %,d (%.1f%%); "
            + "common pair %s=%s on 90%% of each%n"
            + "Middle page: page %d of the %,d fleet, page %d of the %,d fleet%n%n",
        SeededFleet.RARE_KEY,
        SeededFleet.RARE_VALUE,
        baseline.rareCount(),
        baseline.size(),
        100.0 * baseline.rareCount() / baseline.size(),
        large.rareCount(),
        large.size(),
        100.0 * large.rareCount() / large.size(),
        SeededFleet.COMMON_KEY,
        SeededFleet.COMMON_VALUE,
        baseline.middlePage(),
        baseline.size(),
        large.middlePage(),
        large.size());
  }
}
