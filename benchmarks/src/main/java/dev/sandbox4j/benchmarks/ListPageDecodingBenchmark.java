package dev.sandbox4j.benchmarks;

import com.google.gson.reflect.TypeToken;
import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.SandboxInfo;
import dev.sandbox4j.generated.JSON;
import dev.sandbox4j.generated.model.ListedSandbox;
import dev.sandbox4j.internal.InfoMapper;
import dev.sandbox4j.internal.MetadataFilter;
import dev.sandbox4j.local.LocalSandboxServer;
import dev.sandbox4j.local.SeedSpec;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU work behind one 100-item list page, without the network: parsing the JSON body (which
 * the generated client does too), mapping it into {@link SandboxInfo} (which only the SDK adds),
 * and encoding a metadata filter (once per listing).
 *
 * <p>Comparing {@link #mapPage()} with {@link #parsePage()} tells what share of the per-page CPU
 * cost the SDK's own layer is. The body is a real page captured from a {@link
 * LocalSandboxServer} at setup, so it has the server's exact fields and formatting.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ListPageDecodingBenchmark {

  private static final int PAGE_SIZE = 100;
  private static final Type PAGE_TYPE = new TypeToken<List<ListedSandbox>>() {}.getType();

  // Characters that every encoding layer must escape, so the slow paths are taken.
  private final Map<String, String> filter = Map.of("userId", "123", "env", "dev & qa/é");
  private String pageJson;
  private List<ListedSandbox> parsedPage;

  @Setup(Level.Trial)
  public void capturePage() throws IOException {
    try (LocalSandboxServer server = LocalSandboxServer.start();
        SandboxClient client =
            SandboxClient.builder().apiUrl(server.apiUrl()).apiKey(server.apiKey()).build()) {
      server
          .admin()
          .seed(
              SeedSpec.builder()
                  .count(PAGE_SIZE)
                  .metadata(Map.of("userId", "123", "env", "dev"))
                  .build());
      try (Response response =
          client.raw().sandboxes().listSandboxesCall(null, null, PAGE_SIZE, null, null).execute()) {
        pageJson = response.body().string();
      }
    }
    parsedPage = parsePage();
    if (parsedPage.size() != PAGE_SIZE) {
      throw new IllegalStateException("captured a page of " + parsedPage.size() + " items");
    }
  }

  /** What the generated client does with a page body. */
  @Benchmark
  public List<ListedSandbox> parsePage() {
    return JSON.deserialize(pageJson, PAGE_TYPE);
  }

  /** What the SDK adds on top: one immutable {@link SandboxInfo} per item. */
  @Benchmark
  public List<SandboxInfo> mapPage() throws Exception {
    List<SandboxInfo> items = new ArrayList<>(parsedPage.size());
    for (ListedSandbox item : parsedPage) {
      items.add(InfoMapper.fromListed(item));
    }
    return List.copyOf(items);
  }

  /** The three-layer metadata encoding the SDK does when a listing starts. */
  @Benchmark
  public String encodeMetadataFilter() {
    return MetadataFilter.encode(filter);
  }
}
