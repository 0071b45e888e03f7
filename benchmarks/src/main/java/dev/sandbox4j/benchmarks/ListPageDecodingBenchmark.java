package dev.sandbox4j.benchmarks;

import com.google.gson.reflect.TypeToken;
import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.SandboxInfo;
import dev.sandbox4j.generated.JSON;
import dev.sandbox4j.generated.model.ListedSandbox;
import dev.sandbox4j.internal.MetadataFilter;
import dev.sandbox4j.local.LocalSandboxServer;
import dev.sandbox4j.local.SeedSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
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
 * The CPU work behind one 100-item list page, without the network: the generated client's parse of
 * the JSON body into its models ({@link #parsePage()}), the SDK's single-pass read of the same body
 * straight into {@link SandboxInfo} ({@link #readPage()}), and encoding a metadata filter (once per
 * listing).
 *
 * <p>The body is a real page captured from a {@link LocalSandboxServer} at setup, so it has the
 * server's exact fields and formatting.
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
  private MethodHandle sdkReadPage;

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
    // The SDK's reader is package-private; the benchmark reaches it the way a test would.
    try {
      Method read =
          Class.forName("dev.sandbox4j.internal.SandboxInfoReader")
              .getDeclaredMethod("readPage", Reader.class);
      read.setAccessible(true);
      sdkReadPage = MethodHandles.lookup().unreflect(read);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the SDK's page reader moved", e);
    }
    if (parsePage().size() != PAGE_SIZE || readPage().size() != PAGE_SIZE) {
      throw new IllegalStateException("captured a page of " + parsePage().size() + " items");
    }
  }

  /** What the generated client does with a page body. */
  @Benchmark
  public List<ListedSandbox> parsePage() {
    return JSON.deserialize(pageJson, PAGE_TYPE);
  }

  /** What the SDK does with a page body: one pass into immutable {@link SandboxInfo}s. */
  @Benchmark
  @SuppressWarnings("unchecked")
  public List<SandboxInfo> readPage() {
    try {
      return (List<SandboxInfo>) sdkReadPage.invoke((Reader) new StringReader(pageJson));
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** The three-layer metadata encoding the SDK does when a listing starts. */
  @Benchmark
  public String encodeMetadataFilter() {
    return MetadataFilter.encode(filter);
  }
}
