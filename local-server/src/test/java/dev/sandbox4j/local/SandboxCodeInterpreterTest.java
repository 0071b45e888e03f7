package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Port 49999 of a sandbox is its code interpreter: kernels run in the sandbox (in each isolation
 * mode), keep their state, stream their output, and pause, resume and end with the sandbox.
 */
class SandboxCodeInterpreterTest {

  private static final IsolationModes MODES = new IsolationModes(LocalSandboxServer.builder());
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static List<Isolation> modes() {
    return IsolationModes.available();
  }

  @AfterAll
  static void closeServers() {
    MODES.close();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void runCodeKeepsStateStreamsOutputAndReportsErrors(Isolation mode) throws Exception {
    LocalSandboxServer server = MODES.server(mode);
    String id =
        TestHttp.to(server)
            .create("{\"templateID\":\"base\",\"timeout\":60,\"envVars\":{\"GREETING\":\"hi\"}}");

    assertThat(result(execute(server, id, "{\"code\":\"x = 20\"}"))).isEmpty();
    List<Line> second =
        execute(server, id, "{\"code\":\"import os\\nprint(os.environ['GREETING'])\\nx * 2 + 2\"}");
    assertThat(stdout(second)).isEqualTo("hi\n");
    assertThat(result(second)).isEqualTo("42");

    List<Line> streamed =
        execute(
            server,
            id,
            "{\"code\":\"import time\\nprint('first', flush=True)\\ntime.sleep(1)\\n"
                + "print('second')\"}");
    Line first = streamed.stream().filter(l -> l.text().contains("first")).findFirst().get();
    Line end = streamed.get(streamed.size() - 1);
    assertThat(end.json().get("type").getAsString()).isEqualTo("end_of_execution");
    assertThat(end.arrivedNanos() - first.arrivedNanos())
        .isGreaterThan(Duration.ofMillis(700).toNanos());

    List<Line> failed = execute(server, id, "{\"code\":\"1 / 0\"}");
    JsonObject error = only(failed, "error");
    assertThat(error.get("name").getAsString()).isEqualTo("ZeroDivisionError");
    assertThat(error.get("value").getAsString()).isEqualTo("division by zero");
    assertThat(error.get("traceback").getAsString()).contains("ZeroDivisionError");
    assertThat(result(execute(server, id, "{\"code\":\"x\"}"))).isEqualTo("20");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void contextsAreCreatedListedAndRemoved(Isolation mode) throws Exception {
    LocalSandboxServer server = MODES.server(mode);
    String id = TestHttp.to(server).create();
    EnvdTestClient.of(server, id)
        .upload("/files?path=work/x", "application/octet-stream", new byte[] {1});
    Reply created =
        send(
            server,
            id,
            "POST",
            "/contexts",
            "{\"language\":\"python\",\"cwd\":\"/home/user/work\"}",
            null);
    assertThat(created.status()).isEqualTo(200);
    JsonObject context = JsonParser.parseString(created.body()).getAsJsonObject();
    String contextId = context.get("id").getAsString();
    assertThat(context.get("cwd").getAsString()).isEqualTo("/home/user/work");

    String inContext =
        "{\"code\":\"import os\\nos.getcwd()\",\"context_id\":\"" + contextId + "\"}";
    // Under bubblewrap the sandbox's path; unisolated, the host directory it maps to.
    assertThat(result(execute(server, id, inContext))).endsWith("home/user/work");
    JsonArray listed =
        JsonParser.parseString(send(server, id, "GET", "/contexts", null, null).body())
            .getAsJsonArray();
    assertThat(listed.toString()).contains(contextId);

    assertThat(send(server, id, "DELETE", "/contexts/" + contextId, null, null).status())
        .isEqualTo(200);
    Reply gone = send(server, id, "POST", "/execute", inContext, null);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body()).isEqualTo("Context " + contextId + " not found");
    assertThat(
            send(server, id, "POST", "/contexts", "{\"cwd\":\"/home/user/missing\"}", null)
                .status())
        .isEqualTo(500);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aSecureSandboxsInterpreterNeedsTheAccessToken(Isolation mode) throws Exception {
    LocalSandboxServer server = MODES.server(mode);
    JsonObject created =
        TestHttp.to(server)
            .post("/sandboxes", "{\"templateID\":\"base\",\"timeout\":60,\"secure\":true}")
            .object();
    String id = created.get("sandboxID").getAsString();
    String token = created.get("envdAccessToken").getAsString();
    String code = "{\"code\":\"6 * 7\"}";

    Reply refused = send(server, id, "POST", "/execute", code, null);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body()).doesNotContain(token);
    assertThat(send(server, id, "POST", "/execute", code, "wrong").status()).isEqualTo(401);
    Reply accepted = send(server, id, "POST", "/execute", code, token);
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.body()).contains("\"text\":\"42\"");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void killingTheSandboxEndsItsKernelsAndWhatTheyStarted(Isolation mode) throws Exception {
    LocalSandboxServer server = MODES.server(mode);
    TestHttp api = TestHttp.to(server);
    String id = api.create();
    Set<Long> before = kernelPids();
    execute(
        server,
        id,
        "{\"code\":\"import subprocess\\nsubprocess.Popen(['sleep', '311.4711'])\\n1\"}");
    execute(server, id, "{\"code\":\"1\",\"language\":\"javascript\"}");
    Set<Long> kernels = kernelPids();
    kernels.removeAll(before);
    assertThat(kernels).hasSizeGreaterThanOrEqualTo(2); // a python and a node kernel
    assertThat(SandboxLifecycleTest.commandLinesMatching("sleep 311\\.4711")).isNotEmpty();

    assertThat(api.delete("/sandboxes/" + id).status()).isEqualTo(204);
    assertThat(kernels).allMatch(pid -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    assertThat(SandboxLifecycleTest.commandLinesMatching("sleep 311\\.4711")).isEmpty();
    Reply after = send(server, id, "POST", "/execute", "{\"code\":\"1\"}", null);
    assertThat(after.status()).isEqualTo(502);
    assertThat(after.body()).contains("The sandbox was not found");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void pausingFreezesTheKernelsWithoutCountingTheFrozenTime(Isolation mode) throws Exception {
    LocalSandboxServer server = MODES.server(mode);
    TestHttp api = TestHttp.to(server);
    String id = api.create("{\"templateID\":\"base\",\"timeout\":60}");
    Set<Long> before = kernelPids();
    execute(server, id, "{\"code\":\"state = 'kept'\"}");
    Set<Long> kernels = kernelPids();
    kernels.removeAll(before);
    assertThat(kernels).isNotEmpty();

    // 1.5 s of work under a 2.5 s timeout, with a 3 s pause in between: only frozen time passes it.
    String work = "{\"code\":\"import time\\ntime.sleep(1.5)\\nprint('done')\",\"timeout\":2.5}";
    CompletableFuture<List<Line>> running =
        CompletableFuture.supplyAsync(() -> execute(server, id, work));
    Thread.sleep(500);
    assertThat(api.post("/sandboxes/" + id + "/pause", "{}").status()).isEqualTo(204);
    assertThat(kernels).allMatch(pid -> stateWithin(pid, true));
    Reply paused = send(server, id, "POST", "/execute", "{\"code\":\"1\"}", null);
    assertThat(paused.status()).isEqualTo(502);
    assertThat(paused.body()).contains("The sandbox is paused");
    Thread.sleep(2_400);
    assertThat(api.post("/sandboxes/" + id + "/connect", "{\"timeout\":60}").status())
        .isEqualTo(201);
    assertThat(kernels).allMatch(pid -> stateWithin(pid, false));

    List<Line> finished = running.get();
    assertThat(stdout(finished)).isEqualTo("done\n");
    assertThat(finished).noneMatch(l -> l.json().get("type").getAsString().equals("error"));
    assertThat(result(execute(server, id, "{\"code\":\"state\"}"))).isEqualTo("kept");
  }

  // ---------------------------------------------------------------------------------------------

  record Line(String text, long arrivedNanos) {
    JsonObject json() {
      return JsonParser.parseString(text).getAsJsonObject();
    }
  }

  record Reply(int status, String body) {}

  private static List<Line> execute(LocalSandboxServer server, String id, String body) {
    try {
      HttpResponse<Stream<String>> response =
          CLIENT.send(
              request(server, id, "/execute", null)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofLines());
      assertThat(response.statusCode()).isEqualTo(200);
      List<Line> lines = new ArrayList<>();
      try (Stream<String> stream = response.body()) {
        stream.filter(l -> !l.isBlank()).forEach(l -> lines.add(new Line(l, System.nanoTime())));
      }
      return lines;
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static Reply send(
      LocalSandboxServer server, String id, String method, String path, String body, String token)
      throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpResponse<String> response =
        CLIENT.send(
            request(server, id, path, token).method(method, publisher).build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body());
  }

  private static HttpRequest.Builder request(
      LocalSandboxServer server, String id, String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(server.sandboxUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Novita-Sandbox-Id", id)
            .header("Novita-Sandbox-Port", "49999")
            .header("Content-Type", "application/json");
    if (token != null) {
      builder.header("X-Access-Token", token);
    }
    return builder;
  }

  private static String stdout(List<Line> lines) {
    return lines.stream()
        .map(Line::json)
        .filter(j -> j.get("type").getAsString().equals("stdout"))
        .map(j -> j.get("text").getAsString())
        .collect(Collectors.joining());
  }

  private static String result(List<Line> lines) {
    return lines.stream()
        .map(Line::json)
        .filter(j -> j.get("type").getAsString().equals("result"))
        .map(j -> j.get("text").getAsString())
        .collect(Collectors.joining());
  }

  private static JsonObject only(List<Line> lines, String type) {
    List<JsonObject> found =
        lines.stream()
            .map(Line::json)
            .filter(j -> j.get("type").getAsString().equals(type))
            .toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  /** This JVM's kernel processes: the python and node processes it started, however confined. */
  private static Set<Long> kernelPids() {
    return ProcessHandle.current()
        .descendants()
        .filter(
            h -> {
              String name = h.info().command().orElse("");
              return name.contains("python3") || name.endsWith("/node");
            })
        .map(ProcessHandle::pid)
        .collect(Collectors.toCollection(java.util.HashSet::new));
  }

  /** Whether the process is (or is not) stopped within 5 s: signals land late on a busy machine. */
  private static boolean stateWithin(long pid, boolean stopped) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    do {
      String state;
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      } catch (IOException gone) {
        return false;
      }
      if (state.equals("T") == stopped) {
        return true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    } while (System.nanoTime() < deadline);
    return false;
  }
}
