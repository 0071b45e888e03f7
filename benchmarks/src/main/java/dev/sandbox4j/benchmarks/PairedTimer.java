package dev.sandbox4j.benchmarks;

/**
 * Times two page fetches in alternation, round after round, and keeps one sample of each per timed
 * round.
 *
 * <p>Interleaving, rather than timing all of one and then all of the other, makes whatever drifts
 * during a run (JIT compilation, GC, heap growth, CPU clock) weigh on both alike, so their ratio is
 * fair. The order within a round flips every round so that neither always runs second, on a
 * connection or cache the other has just warmed.
 */
final class PairedTimer {

  private final int warmup;
  private final int iterations;

  PairedTimer(BenchmarkOptions options) {
    this.warmup = options.warmup();
    this.iterations = options.iterations();
  }

  /** The nanosecond samples of both fetches, in round order. */
  record Samples(long[] first, long[] second) {}

  /**
   * Runs the rounds; every fetch must return {@code expectedItems}, so that a failing or empty
   * answer can never pass for a fast one.
   */
  Samples run(PageFetch first, PageFetch second, int expectedItems) throws Exception {
    long[] firstNanos = new long[iterations];
    long[] secondNanos = new long[iterations];
    for (int round = 0; round < warmup + iterations; round++) {
      long a;
      long b;
      if (round % 2 == 0) {
        a = time(first, expectedItems);
        b = time(second, expectedItems);
      } else {
        b = time(second, expectedItems);
        a = time(first, expectedItems);
      }
      if (round >= warmup) {
        firstNanos[round - warmup] = a;
        secondNanos[round - warmup] = b;
      }
    }
    return new Samples(firstNanos, secondNanos);
  }

  private static long time(PageFetch fetch, int expectedItems) throws Exception {
    long start = System.nanoTime();
    int items = fetch.fetch();
    long elapsed = System.nanoTime() - start;
    if (items != expectedItems) {
      throw new IllegalStateException(
          "a timed page held " + items + " sandboxes, expected " + expectedItems);
    }
    return elapsed;
  }
}
