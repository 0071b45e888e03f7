/**
 * On-demand measurements of sandbox4j: {@link dev.sandbox4j.benchmarks.ListLatencyBenchmark}, a
 * whole-run timing program for list pages against the local server, and {@link
 * dev.sandbox4j.benchmarks.ListPageDecodingBenchmark}, a JMH benchmark of the SDK's per-page work.
 * Nothing here runs during the build's tests; see the module README for the commands.
 */
package dev.sandbox4j.benchmarks;
