package dev.sandbox4j.benchmarks;

/** One list request under measurement; returns how many sandboxes the page held. */
@FunctionalInterface
interface PageFetch {
  int fetch() throws Exception;
}
