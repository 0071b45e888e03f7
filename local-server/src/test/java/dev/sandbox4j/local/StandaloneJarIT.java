package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code target/sandbox4j-local-server.jar} the way the README and conformance/ do, as a
 * separate process, and drives every route of it over HTTP. Runs after {@code package} (failsafe),
 * when the jar exists.
 */
class StandaloneJarIT {

  private static final Path JAR =
      Paths.get(System.getProperty("standalone.jar", "target/sandbox4j-local-server.jar"));
  private static final String JAVA =
      Paths.get(System.getProperty("java.home"), "bin", "java").toString();

  @Test
  void theJarServesEveryOperationAndTheTestHooksThenStopsOnSigterm() throws Exception {
    int port = freePort();
    Process process = start("--port", String.valueOf(port), "--api-key", "sk_it");
    BlockingQueue<String> stdout = lines(process);
    try {
      assertThat(stdout.poll(30, TimeUnit.SECONDS))
          .isEqualTo("sandbox4j local server listening on http://127.0.0.1:" + port);
      assertThat(stdout.poll(5, TimeUnit.SECONDS)).isEqualTo("API key: sk_it");

      String url = "http://127.0.0.1:" + port;
      TestHttp http = TestHttp.anonymous(url).withHeader("X-API-Key", "sk_it");
      TestHttp.anonymous(url).get("/v2/sandboxes").assertError(401);

      String id =
          http.create(
              "{\"templateID\":\"base\",\"timeout\":300,\"metadata\":{\"a+b\":\"x y(1)*~!\"}}");
      http.create();
      TestHttp.Reply first = http.get("/v2/sandboxes?limit=1&state=running");
      assertThat(first.sandboxIds()).hasSize(1);
      assertThat(
              http.get(
                      "/v2/sandboxes?limit=1&nextToken="
                          + first.header("X-Next-Token").orElseThrow())
                  .sandboxIds())
          .containsExactly(id);
      assertThat(
              http.get(
                      "/v2/sandboxes?"
                          + OfficialMetadataEncoding.queryParameter(Map.of("a+b", "x y(1)*~!")))
                  .sandboxIds())
          .containsExactly(id);
      assertThat(http.get("/sandboxes/" + id).object().get("state").getAsString())
          .isEqualTo("running");
      assertThat(http.post("/sandboxes/" + id + "/connect", "{\"timeout\":600}").status())
          .isEqualTo(200);
      assertThat(http.post("/sandboxes/" + id + "/pause", null).status()).isEqualTo(204);
      http.post("/sandboxes/" + id + "/pause", null).assertError(409);
      assertThat(http.post("/sandboxes/" + id + "/connect", "{\"timeout\":600}").status())
          .isEqualTo(201);
      assertThat(http.post("/sandboxes/" + id + "/timeout", "{\"timeout\":60}").status())
          .isEqualTo(204);
      assertThat(http.delete("/sandboxes/" + id).status()).isEqualTo(204);
      http.delete("/sandboxes/" + id).assertError(404);

      assertThat(http.post("/_local/seed", "{\"count\":1000}").status()).isEqualTo(201);
      assertThat(http.get("/_local/health").object().get("sandboxes").getAsInt()).isEqualTo(1001);
      http.post("/_local/clock/advance", "{\"seconds\":301}");
      assertThat(http.get("/_local/health").object().get("sandboxes").getAsInt()).isEqualTo(1000);
      http.post(
          "/_local/faults",
          "{\"method\":\"GET\",\"path\":\"/v2/sandboxes\",\"status\":503,\"retryAfter\":\"1\"}");
      http.get("/v2/sandboxes").assertError(503);
      assertThat(http.get("/_local/requests").array()).isNotEmpty();

      // The data plane on the same port: a command, and one still running at shutdown.
      EnvdTestClient envd = new EnvdTestClient(url, http.create(), Map.of());
      assertThat(envd.run("echo from-the-jar").stdout()).isEqualTo("from-the-jar\n");
      envd.stream(
              "process.Process/Start",
              "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"sleep 308.4711\"]},\"stdin\":false}",
              Map.of())
          .next();
    } finally {
      // SIGTERM, as service managers send (Ctrl-C is SIGINT, handled the same way). Through the
      // handle, because Process.destroy() would also close the pipes we still read from.
      process.toHandle().destroy();
    }
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exits on SIGTERM").isTrue();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(remaining(stdout))
        .as("exit code %d, stderr: %s", process.exitValue(), stderr)
        .contains(
            "  NOVITA_SANDBOX_URL=http://127.0.0.1:" + port, "sandbox4j local server stopped");
    assertThat(SandboxLifecycleTest.commandLinesMatching("sleep 308\\.4711"))
        .as("no process outlives the server")
        .isEmpty();
  }

  @Test
  void defaultsToPort3000AndTheDocumentedKeyInItsUsage() throws Exception {
    Process process = start("--help");

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    String usage = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(usage).contains("default 3000").contains(LocalSandboxServer.DEFAULT_API_KEY);
  }

  @Test
  void badArgumentsExitWithCode2AndAUsageMessage() throws Exception {
    Process process = start("--port", "not-a-port");

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(stderr).contains("--port must be a number").contains("Usage:");
  }

  @Test
  void aPortInUseExitsWithCode1() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      Process process = start("--port", String.valueOf(busy.getLocalPort()));

      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(1);
      assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
          .contains("in use");
    }
  }

  private static Process start(String... args) throws IOException {
    assertThat(Files.isRegularFile(JAR)).as("built jar %s", JAR).isTrue();
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  private static BlockingQueue<String> lines(Process process) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "standalone-jar-stdout");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static List<String> remaining(BlockingQueue<String> lines) throws InterruptedException {
    List<String> rest = new ArrayList<>();
    for (String line = lines.poll(5, TimeUnit.SECONDS);
        line != null;
        line = lines.poll(1, TimeUnit.SECONDS)) {
      rest.add(line);
    }
    return rest;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
