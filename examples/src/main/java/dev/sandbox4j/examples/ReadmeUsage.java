package dev.sandbox4j.examples;

import dev.sandbox4j.CreateSandboxParams;
import dev.sandbox4j.Sandbox;
import dev.sandbox4j.SandboxAsyncPaginator;
import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.SandboxInfo;
import dev.sandbox4j.SandboxListQuery;
import dev.sandbox4j.SandboxPaginator;
import dev.sandbox4j.SandboxState;
import dev.sandbox4j.generated.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The README's usage section as code that compiles and runs (its test runs it against the local
 * server), so that the README cannot drift from the API. Keep the two in step.
 */
public final class ReadmeUsage {
  private ReadmeUsage() {}

  /**
   * Runs the README's snippets in order with the given client.
   *
   * @param client a client; the static one-liners use the environment's client instead
   * @param saved a cursor saved from an earlier listing, or null
   * @return what the snippets found, for the test to check
   * @throws ApiException from the raw snippet
   */
  public static Map<String, Object> run(SandboxClient client, String saved) throws ApiException {
    // Create a sandbox with metadata (template "base", 300 s unless you say otherwise).
    Sandbox sandbox =
        client.create(
            CreateSandboxParams.builder()
                .template("base")
                .timeout(Duration.ofMinutes(10))
                .metadata(Map.of("userId", "123", "env", "dev"))
                .envs(Map.of("GREETING", "hello"))
                .build());

    // List running sandboxes.
    SandboxPaginator paginator =
        client.list(SandboxListQuery.builder().states(SandboxState.RUNNING).build());
    List<SandboxInfo> running = paginator.nextItems();

    // Filter by metadata (server-side; every pair must match exactly).
    List<SandboxInfo> mine =
        client
            .list(
                SandboxListQuery.builder().metadata(Map.of("userId", "123", "env", "dev")).build())
            .nextItems();

    // Filter by state.
    List<SandboxInfo> both =
        client
            .list(
                SandboxListQuery.builder()
                    .states(SandboxState.RUNNING, SandboxState.PAUSED)
                    .build())
            .nextItems();

    // Advanced pagination: page size, cursor, resume later.
    SandboxPaginator pages =
        client.list(SandboxListQuery.builder().limit(100).nextToken(saved).build());
    int pageCount = 0;
    while (pages.hasNext()) {
      List<SandboxInfo> items = pages.nextItems();
      Optional<String> cursor = pages.nextToken(); // persist it to resume later
      pageCount++;
    }

    // Or iterate every page lazily, as plain Java.
    int iterated = 0;
    for (SandboxInfo info : client.list()) {
      iterated++;
    }
    SandboxListQuery query = SandboxListQuery.all();
    List<SandboxInfo> big =
        client.list(query).stream().filter(i -> i.cpuCount() > 2).limit(10).toList();

    // Connect to a sandbox by id; a paused sandbox is resumed.
    Sandbox same = client.connect(sandbox.sandboxId());
    boolean wasPaused = same.resumed();

    // The rest of the lifecycle.
    String id = sandbox.sandboxId();
    SandboxInfo info = client.getInfo(id);
    client.setTimeout(id, Duration.ofMinutes(30));
    boolean paused = client.pause(id); // false when it was already paused
    String host = sandbox.getHost(8080); // 8080-<id>.<domain>

    // A created sandbox is killed when its handle closes; a connected one only detaches.
    String scratchId;
    try (Sandbox scratch = client.create()) {
      scratchId = scratch.sandboxId();
    }

    // The official docs' static one-liners work too, on the default client (built from the
    // environment on first use; SandboxClient.setDefault(..) / resetDefault() replace it).
    Sandbox s = Sandbox.create();
    SandboxPaginator all = Sandbox.list();
    // By id: there is no static Sandbox.kill(id).
    boolean staticKilled = SandboxClient.getDefault().kill(s.sandboxId());

    // Asynchronous: the same operations as CompletableFutures (same retries, same errors).
    client.async().getInfo(id).thenAccept(i -> System.out.println(i.state())).join();
    SandboxAsyncPaginator asyncPages =
        client.async().list(query); // nextItems() -> CompletableFuture
    int asyncFirstPage = asyncPages.nextItems().join().size();

    // Per-call options and the generated client for edge cases.
    SandboxInfo quick =
        client.withOptions(o -> o.maxRetries(0).callTimeout(Duration.ofSeconds(5))).getInfo(id);
    int rawStatus =
        client.raw().sandboxes().listSandboxesWithHttpInfo(null, null, 10, null).getStatusCode();

    // Kill it (false when it did not exist).
    boolean killed = client.kill(sandbox.sandboxId());

    return Map.ofEntries(
        Map.entry("running", running.size()),
        Map.entry("mine", mine.size()),
        Map.entry("both", both.size()),
        Map.entry("pages", pageCount),
        Map.entry("iterated", iterated),
        Map.entry("big", big.size()),
        Map.entry("wasPaused", wasPaused),
        Map.entry("infoState", info.state()),
        Map.entry("paused", paused),
        Map.entry("host", host.equals("8080-" + id + "." + sandbox.domain())),
        Map.entry("scratchGone", !client.kill(scratchId)),
        Map.entry("staticKilled", staticKilled),
        Map.entry("asyncFirstPage", asyncFirstPage),
        Map.entry("quick", quick.sandboxId().equals(id)),
        Map.entry("rawStatus", rawStatus),
        Map.entry("killed", killed));
  }
}
