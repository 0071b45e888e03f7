package dev.sandbox4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the node side of the comparison: the official JS SDK (installed in {@code conformance/} from
 * its lockfile, with {@code npm ci} when missing) and the scripts in {@code benchmarks/js}.
 */
final class NodeScripts {
  private final Path root;

  NodeScripts(Path root) {
    this.root = root;
  }

  /** Installs the pinned official SDK into conformance/node_modules unless it is there. */
  void ensureInstalled() throws IOException, InterruptedException {
    Path conformance = root.resolve("conformance");
    if (Files.exists(conformance.resolve("node_modules/novita-sandbox/package.json"))) {
      return;
    }
    System.out.println("npm ci in conformance/ (the pinned official SDK)");
    Process npm =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
            .directory(conformance.toFile())
            .inheritIO()
            .start();
    if (npm.waitFor() != 0) {
      throw new IOException("npm ci failed in " + conformance);
    }
  }

  String sdkVersion() throws IOException {
    String json =
        Files.readString(root.resolve("conformance/node_modules/novita-sandbox/package.json"));
    int at = json.indexOf("\"version\"");
    int start = json.indexOf('"', json.indexOf(':', at)) + 1;
    return json.substring(start, json.indexOf('"', start));
  }

  String nodeVersion() throws IOException, InterruptedException {
    Process node = new ProcessBuilder("node", "--version").start();
    String version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    node.waitFor();
    return version.trim();
  }

  ProcessBuilder script(String name, Map<String, String> env, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("node", script(name).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    return builder;
  }

  Path script(String name) {
    return root.resolve("benchmarks/js").resolve(name);
  }

  /** The list worker: one long-lived node process that lists on request. */
  static final class Worker implements AutoCloseable {
    private final Process process;
    private final PrintWriter in;
    private final BufferedReader out;

    Worker(NodeScripts scripts, String apiUrl, String apiKey) throws IOException {
      this.process =
          scripts
              .script("list-worker.mjs", Map.of("NOVITA_API_URL", apiUrl, "NOVITA_API_KEY", apiKey))
              .start();
      this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Lists everything in node; returns {nanoseconds, items} as node measured them. */
    long[] listAll(int limit) throws IOException {
      in.println("list " + limit);
      String line = out.readLine();
      if (line == null) {
        throw new IOException("the node list worker ended");
      }
      String[] parts = line.split(" ");
      return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    @Override
    public void close() throws InterruptedException {
      in.close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /**
   * The fake list server in node, answering after {@code delayMillis}; it prints its port, which
   * becomes the API URL.
   */
  static final class FakeServer implements AutoCloseable {
    private final Process process;
    private final String apiUrl;

    FakeServer(NodeScripts scripts, int count, int delayMillis) throws IOException {
      this.process =
          scripts
              .script(
                  "fake-server.mjs", Map.of(), String.valueOf(count), String.valueOf(delayMillis))
              .start();
      String port =
          new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      if (port == null) {
        throw new IOException("the node fake server did not start");
      }
      this.apiUrl = "http://127.0.0.1:" + port.trim();
    }

    String apiUrl() {
      return apiUrl;
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
