package dev.sandbox4j.benchmarks;

import dev.sandbox4j.Sandbox;
import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.local.LocalSandboxServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times {@code commands().run("true")} through sandbox4j and, as the reference, through the
 * official {@code novita-sandbox} JS SDK (driven by {@code
 * conformance/bench-command-round-trip.mjs} in a node process), against one embedded local server,
 * in alternating blocks so that load on the machine weighs on both alike. Prints the median and p90
 * of each and the ratio.
 *
 * <p>Arguments: {@code --conformance=DIR} (where {@code npm ci} installed the official SDK), {@code
 * --rounds=N} (default 10), {@code --block=N} (runs per block, default 20).
 */
public final class CommandRoundTripBenchmark {
  private CommandRoundTripBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path conformance = Path.of("conformance");
    int rounds = 10;
    int block = 20;
    for (String arg : args) {
      if (arg.startsWith("--conformance=")) {
        conformance = Path.of(arg.substring("--conformance=".length()));
      } else if (arg.startsWith("--rounds=")) {
        rounds = Integer.parseInt(arg.substring("--rounds=".length()));
      } else if (arg.startsWith("--block=")) {
        block = Integer.parseInt(arg.substring("--block=".length()));
      }
    }
    if (!Files.isDirectory(conformance.resolve("node_modules/novita-sandbox"))) {
      System.err.println(
          "run `npm ci` in " + conformance + " first: the official SDK is not installed there");
      System.exit(2);
    }
    try (LocalSandboxServer server = LocalSandboxServer.start();
        SandboxClient client =
            SandboxClient.builder()
                .apiUrl(server.apiUrl())
                .apiKey(server.apiKey())
                .sandboxUrl(server.sandboxUrl())
                .build();
        Sandbox sandbox = client.create()) {
      ProcessBuilder builder =
          new ProcessBuilder("node", "bench-command-round-trip.mjs")
              .directory(conformance.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().put("NOVITA_API_URL", server.apiUrl());
      builder.environment().put("NOVITA_SANDBOX_URL", server.sandboxUrl());
      builder.environment().put("NOVITA_API_KEY", server.apiKey());
      builder.environment().remove("NOVITA_DEBUG");
      Process node = builder.start();
      try (BufferedReader fromNode =
              new BufferedReader(
                  new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
          Writer toNode = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
        for (int i = 0; i < 50; i++) {
          sandbox.commands().run("true"); // warm-up, as the node side does
        }
        String ready = fromNode.readLine();
        if (!"ready".equals(ready)) {
          throw new IllegalStateException("the node side did not start: " + ready);
        }
        List<Double> java = new ArrayList<>();
        List<Double> js = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
          for (int turn = 0; turn < 2; turn++) {
            boolean javaTurn = (round + turn) % 2 == 0;
            if (javaTurn) {
              for (int i = 0; i < block; i++) {
                long start = System.nanoTime();
                sandbox.commands().run("true");
                java.add((System.nanoTime() - start) / 1e6);
              }
            } else {
              toNode.write("run " + block + "\n");
              toNode.flush();
              String line = fromNode.readLine();
              for (String value : line.replaceAll("[\\[\\]]", "").split(",")) {
                js.add(Double.parseDouble(value));
              }
            }
          }
        }
        toNode.write("quit\n");
        toNode.flush();
        node.waitFor();
        double javaMedian = percentile(java, 50);
        double jsMedian = percentile(js, 50);
        System.out.printf(
            Locale.ROOT,
            "commands().run(\"true\"), %d rounds x %d runs each:%n"
                + "  sandbox4j       median %.2f ms, p90 %.2f ms%n"
                + "  official JS SDK median %.2f ms, p90 %.2f ms%n"
                + "  ratio sandbox4j/JS (latency, lower is faster): %.2f%n",
            rounds,
            block,
            javaMedian,
            percentile(java, 90),
            jsMedian,
            percentile(js, 90),
            javaMedian / jsMedian);
      } finally {
        node.destroy();
      }
    }
  }

  /** Nearest-rank percentile. */
  private static double percentile(List<Double> values, int percent) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
