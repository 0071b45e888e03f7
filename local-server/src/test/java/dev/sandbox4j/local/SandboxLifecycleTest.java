package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A sandbox's processes and files follow its control-plane lifecycle, in each isolation mode. */
class SandboxLifecycleTest {

  private static final IsolationModes MODES = new IsolationModes(LocalSandboxServer.builder());

  static List<Isolation> modes() {
    return IsolationModes.available();
  }

  @AfterAll
  static void closeServers() {
    MODES.close();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void pauseStopsEveryProcessAndResumeContinuesThem(Isolation mode) throws Exception {
    LocalSandboxServer server = MODES.server(mode);
    TestHttp api = TestHttp.to(server);
    String id = api.create();
    EnvdTestClient envd = EnvdTestClient.of(server, id);
    String start =
        "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"while true; do echo tick;"
            + " sleep 0.05; done\"]},\"stdin\":false}";
    try (EnvdTestClient.Stream stream = envd.stream("process.Process/Start", start, Map.of())) {
      long pid = stream.startPid();
      assertThat(stream.next().json().toString()).contains("data");

      assertThat(api.post("/sandboxes/" + id + "/pause", "{}").status()).isEqualTo(204);
      assertThat(states(pid)).isNotEmpty().allMatch(state -> state.equals("T"));
      EnvdTestClient.Reply paused = envd.get("/health", Map.of());
      assertThat(paused.status()).isEqualTo(502);
      assertThat(paused.object().get("message").getAsString()).isEqualTo("The sandbox is paused");

      assertThat(api.post("/sandboxes/" + id + "/connect", "{\"timeout\":60}").status())
          .isEqualTo(201);
      assertThat(states(pid)).noneMatch(state -> state.equals("T"));
      assertThat(envd.get("/health", Map.of()).status()).isEqualTo(204);
      assertThat(stream.next().json().toString()).contains("data");
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void killAndExpiryEndEveryProcessAndDeleteTheFiles(Isolation mode) throws Exception {
    LocalSandboxServer server = MODES.server(mode);
    TestHttp api = TestHttp.to(server);
    for (boolean expire : new boolean[] {false, true}) {
      String id = api.create("{\"templateID\":\"base\",\"timeout\":30}");
      EnvdTestClient envd = EnvdTestClient.of(server, id);
      envd.upload("/files?path=keep.txt", "application/octet-stream", new byte[] {1});
      Path root = sandboxRoot(id);
      assertThat(root.resolve("home/user/keep.txt")).exists();
      String start =
          "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"sleep 305.4711 & sleep"
              + " 306.4711\"]},\"stdin\":false}";
      try (EnvdTestClient.Stream stream = envd.stream("process.Process/Start", start, Map.of())) {
        long pid = stream.startPid();
        if (expire) {
          server.admin().advanceClock(Duration.ofSeconds(31));
        } else {
          assertThat(api.delete("/sandboxes/" + id).status()).isEqualTo(204);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(stream.collect().end().get("status").getAsString()).isEqualTo("signal: killed");
      }
      assertThat(root).doesNotExist();
      assertThat(commandLinesMatching("sleep 30[56]\\.4711")).isEmpty();
      EnvdTestClient.Reply gone = envd.get("/health", Map.of());
      assertThat(gone.status()).isEqualTo(502);
      assertThat(gone.object().get("message").getAsString()).isEqualTo("The sandbox was not found");
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aLifetimeEndingWithoutAnyRequestEndsTheProcessesToo(Isolation mode) {
    LocalSandboxServer server = MODES.server(mode);
    String id = TestHttp.to(server).create("{\"templateID\":\"base\",\"timeout\":1}");
    long started = System.nanoTime();
    try (EnvdTestClient.Stream stream =
        EnvdTestClient.of(server, id).stream(
            "process.Process/Start",
            "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-c\",\"sleep"
                + " 309.4711\"]},\"stdin\":false}",
            Map.of())) {
      // No request follows: the runtime notices the end of the lifetime on its own.
      assertThat(stream.collect().end().get("status").getAsString()).isEqualTo("signal: killed");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @MethodSource("modes")
  void closingTheServerLeavesNoProcessAndNoDirectory(Isolation mode) throws Exception {
    Path root;
    long pid;
    try (LocalSandboxServer server = LocalSandboxServer.builder().isolation(mode).build().start()) {
      String id = TestHttp.to(server).create();
      EnvdTestClient envd = EnvdTestClient.of(server, id);
      EnvdTestClient.Stream stream =
          envd.stream(
              "process.Process/Start",
              "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"sleep"
                  + " 307.4711\"]},\"stdin\":false}",
              Map.of());
      pid = stream.startPid();
      root = sandboxRoot(id);
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(commandLinesMatching("sleep 307\\.4711")).isEmpty();
    assertThat(root.getParent()).doesNotExist();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void secureSandboxesNeedTheAccessTokenOrASignedUrl(Isolation mode) {
    LocalSandboxServer server = MODES.server(mode);
    TestHttp.Reply created =
        TestHttp.to(server)
            .post("/sandboxes", "{\"templateID\":\"base\",\"timeout\":60,\"secure\":true}");
    String id = created.object().get("sandboxID").getAsString();
    String token = created.object().get("envdAccessToken").getAsString();
    assertThat(created.object().get("envdVersion").getAsString()).isEqualTo("0.5.7");
    EnvdTestClient anonymous = EnvdTestClient.of(server, id);
    EnvdTestClient authorized = anonymous.withHeader("X-Access-Token", token);

    EnvdTestClient.Reply refused = anonymous.unary("process.Process/List", "{}");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body()).doesNotContain(token);
    assertThat(
            anonymous
                .withHeader("X-Access-Token", "wrong")
                .unary("process.Process/List", "{}")
                .status())
        .isEqualTo(401);
    assertThat(authorized.unary("process.Process/List", "{}").status()).isEqualTo(200);
    assertThat(anonymous.get("/health", Map.of()).status()).isEqualTo(204);
    assertThat(
            authorized
                .upload(
                    "/files?path=%2Fhome%2Fuser%2Fa.txt",
                    "application/octet-stream", new byte[] {'x'})
                .status())
        .isEqualTo(200);

    assertThat(
            anonymous
                .get("/files?path=%2Fhome%2Fuser%2Fa.txt", Map.of())
                .object()
                .get("message")
                .getAsString())
        .isEqualTo("missing signature query parameter");
    String signature = sign("/home/user/a.txt:read::" + token);
    assertThat(
            anonymous
                .get("/files?path=%2Fhome%2Fuser%2Fa.txt&signature=" + signature, Map.of())
                .body())
        .isEqualTo("x");
    long future = System.currentTimeMillis() / 1000 + 60;
    String expiring = sign("/home/user/a.txt:read:user:" + token + ":" + future);
    assertThat(
            anonymous
                .get(
                    "/files?username=user&path=%2Fhome%2Fuser%2Fa.txt&signature="
                        + expiring
                        + "&signature_expiration="
                        + future,
                    Map.of())
                .status())
        .isEqualTo(200);
    long past = System.currentTimeMillis() / 1000 - 1;
    String expired = sign("/home/user/a.txt:read::" + token + ":" + past);
    assertThat(
            anonymous
                .get(
                    "/files?path=%2Fhome%2Fuser%2Fa.txt&signature="
                        + expired
                        + "&signature_expiration="
                        + past,
                    Map.of())
                .object()
                .get("message")
                .getAsString())
        .isEqualTo("signature is already expired");
    String forWrite = sign("/home/user/a.txt:write::" + token);
    assertThat(
            anonymous
                .get("/files?path=%2Fhome%2Fuser%2Fa.txt&signature=" + forWrite, Map.of())
                .status())
        .isEqualTo(401);
    assertThat(
            authorized
                .withHeader("Authorization", "Basic dXNlcjo=")
                .unary("filesystem.Filesystem/Stat", "{\"path\":\"a.txt\"}")
                .status())
        .isEqualTo(200); // user "user"
    assertThat(
            authorized
                .withHeader("Authorization", "Basic bm9ib2R5Og==")
                .unary("filesystem.Filesystem/Stat", "{\"path\":\"a.txt\"}")
                .object()
                .get("code")
                .getAsString())
        .isEqualTo("unauthenticated");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void otherPortsAndUnknownSandboxesGetTheEdgesAnswer(Isolation mode) {
    LocalSandboxServer server = MODES.server(mode);
    String id = TestHttp.to(server).create();
    EnvdTestClient.Reply interpreter =
        EnvdTestClient.of(server, id)
            .withHeader("Novita-Sandbox-Port", "49999")
            .get("/health", Map.of());
    assertThat(interpreter.status()).isEqualTo(200); // the code interpreter, open
    assertThat(interpreter.body()).isEqualTo("\"OK\"");
    assertThat(
            EnvdTestClient.of(server, id)
                .withHeader("Novita-Sandbox-Port", "8080")
                .get("/", Map.of())
                .status())
        .isEqualTo(502);
    assertThat(EnvdTestClient.of(server, "nosuchsandbox").get("/health", Map.of()).status())
        .isEqualTo(502);
    assertThat(EnvdTestClient.of(server, id + "-legacyclient").get("/health", Map.of()).status())
        .isEqualTo(204);
    assertThat(EnvdTestClient.of(server, id).get("/nothing-here", Map.of()).status())
        .isEqualTo(404);
  }

  static String sign(String text) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "v1_"
          + java.util.Base64.getEncoder()
              .withoutPadding()
              .encodeToString(digest)
              .replace("+", "%2B")
              .replace("/", "%2F");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where the server keeps a sandbox's files: {@code <tmp>/sandbox4j-local-*}/<id>. */
  static Path sandboxRoot(String sandboxId) throws IOException {
    try (Stream<Path> bases = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return bases
          .filter(p -> p.getFileName().toString().startsWith("sandbox4j-local-"))
          .map(p -> p.resolve(sandboxId))
          .filter(Files::isDirectory)
          .findFirst()
          .orElseThrow(() -> new AssertionError("no directory for sandbox " + sandboxId));
    }
  }

  /** The states (R, S, T, ...) of a process and its descendants. */
  private static List<String> states(long pid) throws Exception {
    Thread.sleep(100);
    return ProcessHandle.of(pid).stream()
        .flatMap(h -> Stream.concat(Stream.of(h), h.descendants()))
        .map(
            h -> {
              try {
                String stat = Files.readString(Path.of("/proc/" + h.pid() + "/stat"));
                return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
              } catch (IOException gone) {
                return "gone";
              }
            })
        .filter(s -> !s.equals("gone") && !s.equals("Z")) // exited, not yet reaped
        .toList();
  }

  static List<String> commandLinesMatching(String regex) throws InterruptedException {
    List<String> found = List.of();
    for (int i = 0; i < 100; i++) {
      found =
          ProcessHandle.allProcesses()
              .map(h -> h.info().commandLine().orElse(""))
              .filter(c -> c.matches(".*" + regex + ".*"))
              .toList();
      if (found.isEmpty()) {
        return found;
      }
      Thread.sleep(20);
    }
    return found;
  }
}
