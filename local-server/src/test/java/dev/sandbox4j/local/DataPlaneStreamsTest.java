package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Long data-plane streams neither hold the control plane's 64 handler threads nor fall under its 30
 * s exchange deadline.
 */
class DataPlaneStreamsTest {

  @Test
  void moreLongStreamsThanHandlerThreadsOutliveTheDeadlineWhileTheApiKeepsAnswering()
      throws Exception {
    int streams = 70; // more than the control plane's 64 handler threads
    try (LocalSandboxServer server =
        LocalSandboxServer.builder().isolation(Isolation.NONE).build().start()) {
      TestHttp api = TestHttp.to(server);
      EnvdTestClient envd = EnvdTestClient.of(server, api.create());
      ExecutorService clients = Executors.newFixedThreadPool(streams);
      try {
        List<Future<EnvdTestClient.Run>> runs = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
          runs.add(
              clients.submit(
                  () ->
                      envd.stream(
                              "process.Process/Start",
                              "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-c\",\"sleep 32;"
                                  + " echo done\"]},\"stdin\":false}",
                              Map.of("Keepalive-Ping-Interval", "20"))
                          .collect()));
        }
        Thread.sleep(2_000); // every stream is open now
        long started = System.nanoTime();
        assertThat(api.get("/v2/sandboxes").status()).isEqualTo(200);
        assertThat(envd.unary("process.Process/List", "{}").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

        for (Future<EnvdTestClient.Run> run : runs) {
          EnvdTestClient.Run result = run.get();
          assertThat(result.stdout()).isEqualTo("done\n");
          assertThat(result.events().stream().anyMatch(e -> e.has("keepalive"))).isTrue();
        }
      } finally {
        clients.shutdownNow();
      }
    }
  }
}
