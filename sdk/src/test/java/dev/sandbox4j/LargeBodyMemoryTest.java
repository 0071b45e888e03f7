package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * A success body just under the 16 MiB cap is read within a small multiple of its size: a fresh JVM
 * with a 64 MiB heap reads a page of about 64 000 sandboxes, a sandbox with a 15 MiB metadata
 * value, and rejects a 15 MiB string where a number belongs without reading it.
 */
class LargeBodyMemoryTest {
  private static final long BODY_BYTES = 16L * 1024 * 1024 - 64 * 1024;

  @Test
  void bodiesUnderTheCapFitInA64MegabyteHeap() throws Exception {
    try (MockApi api = new MockApi()) {
      Buffer page = new Buffer().writeUtf8("[");
      int items = 0;
      while (page.size() < BODY_BYTES - 400) {
        page.writeUtf8(items == 0 ? "" : ",")
            .writeUtf8(MockApi.listed(String.format("sbx%08d", items), "running"));
        items++;
      }
      page.writeUtf8("]");
      api.enqueue(json(page));
      api.enqueue(json(sandboxWith("\"metadata\":{\"big\":\"", "\"}", 'm')));
      api.enqueue(json(sandboxWith("\"memoryMB\":\"", "\"", '9')));

      ChildJvm.Result child = ChildJvm.run("64m", Reader.class, api.server.url("/").toString());
      assertThat(child.results())
          .as(child.output)
          .containsExactly(
              "> page " + items,
              "> metadata " + (BODY_BYTES - 1024),
              "> rejected SandboxProtocolException field memoryMB");
      assertThat(child.exitCode).as(child.output).isZero();
      assertThat(items).isGreaterThan(60_000);
    }
  }

  /** A get-info body whose one value ({@code open}...{@code close}) fills it to the cap. */
  private static Buffer sandboxWith(String open, String close, char fill) {
    String item = MockApi.listed("sbx1", "running");
    Buffer body = new Buffer().writeUtf8(item, 0, item.length() - 1).writeUtf8(",").writeUtf8(open);
    byte[] chunk = new byte[1024];
    java.util.Arrays.fill(chunk, (byte) fill);
    for (long n = 0; n < BODY_BYTES - 1024; n += chunk.length) {
      body.write(chunk);
    }
    return body.writeUtf8(close).writeUtf8("}");
  }

  private static MockResponse json(Buffer body) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** Runs in the 64 MiB child JVM; prints one line per body. */
  public static final class Reader {
    public static void main(String[] args) throws IOException {
      try (SandboxClient client =
          SandboxClient.builder()
              .apiUrl(args[0])
              .apiKey(MockApi.KEY)
              .environment(name -> null)
              .systemProperties(name -> null)
              .maxRetries(0)
              .requestTimeout(Duration.ofSeconds(60))
              .build()) {
        List<SandboxInfo> page = client.list().nextItems();
        System.out.println("> page " + page.size());
        page = null;
        System.out.println("> metadata " + client.getInfo("sbx1").metadata().get("big").length());
        try {
          client.getInfo("sbx1");
          System.out.println("> accepted");
        } catch (dev.sandbox4j.errors.SandboxProtocolException e) {
          String field = e.getMessage().contains("field memoryMB") ? " field memoryMB" : "";
          System.out.println("> rejected " + e.getClass().getSimpleName() + field);
        }
      } catch (OutOfMemoryError e) {
        System.out.println("> OutOfMemoryError");
        System.exit(3);
      }
    }
  }
}
