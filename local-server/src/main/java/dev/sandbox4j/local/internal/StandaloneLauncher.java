package dev.sandbox4j.local.internal;

import dev.sandbox4j.local.LocalSandboxServer;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The entry point of {@code java -jar sandbox4j-local-server.jar}: parses the command line, starts
 * a server, prints where it listens and with which key, and runs until the JVM is asked to stop
 * (Ctrl-C, SIGTERM), when it closes the server.
 *
 * <p>Exit codes: 0 after {@code --help} or {@code --version}; 1 when the server cannot start (such
 * as a port in use); 2 for a bad command line.
 */
public final class StandaloneLauncher {

  static final int EXIT_CANNOT_START = 1;
  static final int EXIT_USAGE = 2;

  private StandaloneLauncher() {}

  /**
   * Runs the standalone server.
   *
   * @param args {@code [--host HOST] [--port PORT] [--api-key KEY] [--template ALIAS]...
   *     [--max-lifetime SECONDS] [--isolation MODE] [--disk-quota-mb MB] [--version] [--help]}
   */
  public static void main(String[] args) {
    int exitCode = run(List.of(args), System.out, System.err);
    if (exitCode >= 0) {
      System.exit(exitCode);
    }
    awaitShutdown();
  }

  /**
   * Parses the arguments and starts the server, registering a shutdown hook that closes it.
   *
   * @return the exit code when the process should end now, or -1 when the server is running
   */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    CommandLineOptions options;
    try {
      options = CommandLineOptions.parse(args);
    } catch (CommandLineOptions.UsageException e) {
      err.println("error: " + e.getMessage());
      err.println(CommandLineOptions.USAGE);
      return EXIT_USAGE;
    }
    if (options.help()) {
      out.println(CommandLineOptions.USAGE);
      return 0;
    }
    if (options.version()) {
      out.println("sandbox4j-local-server " + LocalServerVersion.VERSION);
      return 0;
    }
    LocalSandboxServer server;
    try {
      LocalSandboxServer.Builder builder =
          LocalSandboxServer.builder()
              .host(options.host())
              .port(options.port())
              .apiKey(options.apiKey())
              .maxLifetime(Duration.ofSeconds(options.maxLifetimeSeconds()))
              .isolation(options.isolation())
              .diskQuotaBytes(options.diskQuotaBytes());
      if (!options.templates().isEmpty()) {
        builder.templates(options.templates());
      }
      server = builder.build().start();
    } catch (UncheckedIOException | IllegalStateException e) {
      err.println("error: " + e.getMessage());
      return EXIT_CANNOT_START;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  out.println("sandbox4j local server stopped");
                  out.flush();
                },
                "sandbox4j-local-server-shutdown"));
    out.println("sandbox4j local server listening on " + server.apiUrl());
    if (!options.host().equals(LoopbackHttpServer.LOOPBACK)) {
      out.println(
          "Bound to "
              + options.host()
              + ":"
              + server.port()
              + " (from a container: http://host.docker.internal:"
              + server.port()
              + " or the host's address)");
    }
    out.println("API key: " + server.apiKey());
    out.println(
        "Sandboxes: isolation "
            + server.isolation().name().toLowerCase(java.util.Locale.ROOT)
            + (server.isolation() == dev.sandbox4j.local.Isolation.NONE
                ? " (commands run UNISOLATED on this machine as the current user)"
                : " (bubblewrap: own namespaces, host read-only)"));
    out.println("Use it with:");
    out.println("  NOVITA_API_URL=" + server.apiUrl());
    out.println("  NOVITA_SANDBOX_URL=" + server.sandboxUrl());
    out.println("  NOVITA_API_KEY=" + server.apiKey());
    out.println(
        "Test hooks (send the API key too): "
            + server.apiUrl()
            + "/_local/health. Press Ctrl-C to stop.");
    out.flush();
    return -1;
  }

  /** Keeps the main thread alive; the JVM ends through the shutdown hook. */
  private static void awaitShutdown() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
