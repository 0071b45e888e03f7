package dev.sandbox4j.benchmarks;

/**
 * How many rounds the timing program runs: {@code --warmup=N} untimed rounds, then {@code
 * --iterations=N} timed ones, for every case.
 */
record BenchmarkOptions(int warmup, int iterations) {

  static final int DEFAULT_WARMUP = 500;
  static final int DEFAULT_ITERATIONS = 2_000;

  BenchmarkOptions {
    if (warmup < 0) {
      throw new IllegalArgumentException("--warmup must be 0 or more, got " + warmup);
    }
    // Fewer than 100 samples make p99 the maximum, which says nothing.
    if (iterations < 100) {
      throw new IllegalArgumentException("--iterations must be 100 or more, got " + iterations);
    }
  }

  static BenchmarkOptions parse(String[] args) {
    int warmup = DEFAULT_WARMUP;
    int iterations = DEFAULT_ITERATIONS;
    for (String arg : args) {
      if (arg.startsWith("--warmup=")) {
        warmup = Integer.parseInt(arg.substring("--warmup=".length()));
      } else if (arg.startsWith("--iterations=")) {
        iterations = Integer.parseInt(arg.substring("--iterations=".length()));
      } else {
        throw new IllegalArgumentException(
            "unknown argument " + arg + "; expected --warmup=N and/or --iterations=N");
      }
    }
    return new BenchmarkOptions(warmup, iterations);
  }
}
