package dev.sandbox4j.examples;

import dev.sandbox4j.CommandResult;
import dev.sandbox4j.ConnectSandboxParams;
import dev.sandbox4j.CreateSandboxParams;
import dev.sandbox4j.EntryInfo;
import dev.sandbox4j.Execution;
import dev.sandbox4j.Sandbox;
import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.SandboxInfo;
import dev.sandbox4j.SandboxListQuery;
import dev.sandbox4j.SandboxPaginator;
import dev.sandbox4j.SandboxState;
import dev.sandbox4j.WriteInfo;
import dev.sandbox4j.local.LocalSandboxServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Walks through what the official SDK docs show, printing each step: create sandboxes with
 * metadata, list running ones, filter by metadata and by state, page with a limit, iterate every
 * page, connect to (and so resume) a paused sandbox, and kill; then, inside a new sandbox, run a
 * command, write and read a file, list a directory and run Python code twice keeping its state.
 *
 * <p>Without {@code NOVITA_API_KEY} it starts the embedded {@link LocalSandboxServer} and needs no
 * account or network; with it, it runs against the real API and creates (then kills) five
 * short-lived sandboxes. Every listing is narrowed to a metadata tag unique to this run, so other
 * sandboxes of the account are never touched.
 */
public final class Quickstart {
  private final SandboxClient client;
  private final PrintStream out;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  Quickstart(SandboxClient client, PrintStream out) {
    this.client = client;
    this.out = out;
  }

  /**
   * Runs the quickstart against the real API when {@code NOVITA_API_KEY} is set, else against an
   * embedded local server.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    String key = System.getenv("NOVITA_API_KEY");
    if (key != null && !key.isBlank()) {
      System.out.println("Using the Novita API (NOVITA_API_KEY is set).");
      try (SandboxClient client = SandboxClient.fromEnv()) {
        new Quickstart(client, System.out).run();
      }
      return;
    }
    try (LocalSandboxServer server = LocalSandboxServer.start();
        SandboxClient client =
            SandboxClient.builder()
                .apiUrl(server.apiUrl())
                .apiKey(server.apiKey())
                .sandboxUrl(server.sandboxUrl()) // commands, files and code go there too
                .build()) {
      System.out.println(
          "No NOVITA_API_KEY: using the embedded local server at " + server.apiUrl());
      new Quickstart(client, System.out).run();
    }
  }

  /** Runs every step; the sandboxes it creates are killed even if a step fails. */
  void run() {
    List<Sandbox> created = new ArrayList<>();
    try {
      step("1. Create sandboxes with metadata");
      created.add(create(Map.of("userId", "123", "env", "dev")));
      created.add(create(Map.of("userId", "123", "env", "prod")));
      created.add(create(Map.of("userId", "456", "env", "dev")));
      created.add(create(Map.of("userId", "789", "env", "dev")));
      for (Sandbox sandbox : created) {
        out.println(
            "   created " + sandbox.sandboxId() + " (template " + sandbox.templateId() + ")");
      }

      step("2. List running sandboxes");
      SandboxPaginator running = client.list(mine().states(SandboxState.RUNNING).build());
      print(running.nextItems());

      step("3. Filter by metadata: userId=123 and env=dev");
      print(
          client
              .list(mine().putMetadata("userId", "123").putMetadata("env", "dev").build())
              .nextItems());

      step("4. Filter by state: pause one, then list paused, then running and paused");
      Sandbox paused = created.get(3);
      out.println("   pause(" + paused.sandboxId() + ") -> " + paused.pause());
      print(client.list(mine().states(SandboxState.PAUSED).build()).nextItems());
      print(
          client
              .list(mine().states(SandboxState.RUNNING, SandboxState.PAUSED).build())
              .nextItems());

      step("5. Advanced pagination: limit 2, hasNext, nextToken, nextItems");
      SandboxPaginator pages = client.list(mine().limit(2).build());
      int page = 0;
      while (pages.hasNext()) {
        List<SandboxInfo> items = pages.nextItems();
        page++;
        out.println(
            "   page "
                + page
                + ": "
                + ids(items)
                + ", hasNext="
                + pages.hasNext()
                + ", nextToken="
                + pages.nextToken().map(t -> "present").orElse("none"));
      }

      step("6. Iterate every page with a plain for loop (pages of 3, fetched lazily)");
      for (SandboxInfo info : client.list(mine().limit(3).build())) {
        out.println("   " + describe(info));
      }

      step("7. Connect to the paused sandbox: it resumes");
      Sandbox resumed =
          client.connect(
              paused.sandboxId(),
              ConnectSandboxParams.builder().timeout(Duration.ofMinutes(2)).build());
      out.println(
          "   connect("
              + resumed.sandboxId()
              + ") -> resumed="
              + resumed.resumed()
              + ", state now "
              + resumed.getInfo().state());

      step("8. Kill");
      for (Sandbox sandbox : created) {
        out.println("   kill(" + sandbox.sandboxId() + ") -> " + sandbox.kill());
      }
      out.println(
          "   kill again (" + paused.sandboxId() + ") -> " + client.kill(paused.sandboxId()));
      out.println(
          "   remaining: "
              + ids(client.list(mine().build()).stream().collect(Collectors.toList())));

      // The data-plane steps need a template with a code interpreter.
      Sandbox sandbox = create("code-interpreter-v1", Map.of("userId", "123", "env", "dev"));
      created.add(sandbox);
      insideASandbox(sandbox);
      out.println("   kill(" + sandbox.sandboxId() + ") -> " + sandbox.kill());
    } finally {
      for (Sandbox sandbox : created) {
        sandbox.close();
      }
    }
    out.println();
    out.println("Done.");
  }

  /** The data plane: commands, files and code inside one sandbox. */
  private void insideASandbox(Sandbox sandbox) {
    step("9. Run a command inside a new sandbox (" + sandbox.sandboxId() + ")");
    CommandResult result = sandbox.commands().run("echo \"hello from $(uname -s)\"");
    out.println("   exit " + result.exitCode() + ", stdout: " + result.stdout().strip());

    step("10. Write a file, read it back, list its directory");
    WriteInfo written = sandbox.files().write("/home/user/notes.txt", "first line\n");
    out.println("   wrote " + written.path());
    out.println("   read: " + sandbox.files().read("/home/user/notes.txt").strip());
    for (EntryInfo entry : sandbox.files().list("/home/user")) {
      out.println(
          "   - "
              + entry.name()
              + " ("
              + entry.type().name().toLowerCase(Locale.ROOT)
              + ", "
              + entry.size()
              + " bytes)");
    }

    step("11. Run Python code twice: the second run sees the first one's variable");
    Execution first = sandbox.runCode("x = 41\nprint('x is set')");
    String printed = String.join("", first.logs().stdout()).strip();
    out.println("   runCode(\"x = 41 ...\") -> stdout: " + printed);
    Execution second = sandbox.runCode("x + 1");
    out.println("   runCode(\"x + 1\") -> " + second.text().orElse("(no result)"));
  }

  private Sandbox create(Map<String, String> metadata) {
    return create("base", metadata);
  }

  private Sandbox create(String template, Map<String, String> metadata) {
    return client.create(
        CreateSandboxParams.builder()
            .template(template)
            .timeout(Duration.ofMinutes(2))
            .metadata(metadata)
            .putMetadata("quickstart", run)
            .build());
  }

  /** A query narrowed to this run's sandboxes. */
  private SandboxListQuery.Builder mine() {
    return SandboxListQuery.builder().putMetadata("quickstart", run);
  }

  private void step(String title) {
    out.println();
    out.println(title);
  }

  private void print(List<SandboxInfo> items) {
    out.println("   " + items.size() + " sandbox(es):");
    for (SandboxInfo info : items) {
      out.println("   - " + describe(info));
    }
  }

  private static String describe(SandboxInfo info) {
    return info.sandboxId()
        + " "
        + info.state().wireValue()
        + " userId="
        + info.metadata().get("userId")
        + " env="
        + info.metadata().get("env");
  }

  private static List<String> ids(List<SandboxInfo> items) {
    return items.stream().map(SandboxInfo::sandboxId).collect(Collectors.toList());
  }
}
