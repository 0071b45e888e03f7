package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Commands in a sandbox over envd's process.Process RPCs, with real processes, in each isolation
 * mode.
 */
class SandboxCommandsTest {

  private static final IsolationModes MODES = new IsolationModes(LocalSandboxServer.builder());

  static List<Isolation> modes() {
    return IsolationModes.available();
  }

  @AfterAll
  static void closeServers() {
    MODES.close();
  }

  private static EnvdTestClient sandbox(Isolation mode, String createJson) {
    LocalSandboxServer server = MODES.server(mode);
    String id = TestHttp.to(server).create(createJson);
    return EnvdTestClient.of(server, id);
  }

  private static EnvdTestClient sandbox(Isolation mode) {
    return sandbox(mode, "{\"templateID\":\"base\",\"timeout\":300}");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void runsACommandStreamingStdoutStderrAndTheExitStatusAsEnvd(Isolation mode) {
    EnvdTestClient envd = sandbox(mode);

    EnvdTestClient.Run run = envd.run("echo hello; echo oops >&2; exit 3");

    assertThat(run.httpStatus()).isEqualTo(200);
    assertThat(run.events().get(0).getAsJsonObject("start").get("pid").getAsLong()).isPositive();
    assertThat(run.stdout()).isEqualTo("hello\n");
    assertThat(run.stderr()).isEqualTo("oops\n");
    assertThat(run.end().get("exitCode").getAsInt()).isEqualTo(3);
    assertThat(run.end().get("exited").getAsBoolean()).isTrue();
    assertThat(run.httpStatus()).isEqualTo(200);
    assertThat(run.end().get("status").getAsString()).isEqualTo("exit status 3");
    assertThat(run.end().get("error").getAsString()).isEqualTo("exit status 3");
    assertThat(run.endStream()).isEqualTo(new JsonObject());

    EnvdTestClient.Run ok = envd.run("true");
    assertThat(ok.end().has("exitCode")).isFalse();
    assertThat(ok.end().has("error")).isFalse();
    assertThat(ok.httpStatus()).isEqualTo(200);
    assertThat(ok.end().get("status").getAsString()).isEqualTo("exit status 0");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void buildsTheEnvironmentAsEnvdAndRunsInTheRequestedDirectory(Isolation mode) {
    EnvdTestClient envd =
        sandbox(
            mode,
            "{\"templateID\":\"base\",\"timeout\":300,\"envVars\":{\"FROM_CREATE\":\"c\",\"BOTH\":\"create\"}}");
    envd.unary("filesystem.Filesystem/MakeDir", "{\"path\":\"/home/user/work dir\"}");

    EnvdTestClient.Run run =
        envd.run(
            "echo \"$FROM_CREATE $BOTH $FROM_REQUEST $USER\"; basename \"$PWD\"; test \"$HOME\" -ef"
                + " ~ && echo home-ok",
            "{\"FROM_REQUEST\":\"r\",\"BOTH\":\"request\"}",
            "/home/user/work dir");

    assertThat(run.stdout()).isEqualTo("c request r user\nwork dir\nhome-ok\n");
    assertThat(run.exitCode()).isZero();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aMissingWorkingDirectoryIsInvalidArgumentInTheEndStream(Isolation mode) {
    EnvdTestClient.Run run = sandbox(mode).run("pwd", "{}", "/home/user/nope");

    assertThat(run.httpStatus()).isEqualTo(200);
    assertThat(run.errorCode()).isEqualTo("invalid_argument");
    assertThat(run.errorMessage()).startsWith("cwd '/home/user/nope' does not exist");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void stdinReachesABackgroundCommandAndClosingItEndsTheCommand(Isolation mode) throws Exception {
    EnvdTestClient envd = sandbox(mode);
    String start =
        "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"tr a-z"
            + " A-Z\"]},\"tag\":\"upper\"}";
    try (EnvdTestClient.Stream stream = envd.stream("process.Process/Start", start, Map.of())) {
      long pid = stream.startPid();

      EnvdTestClient.Reply list = envd.unary("process.Process/List", "{}");
      assertThat(list.body())
          .contains("\"pid\":" + pid)
          .contains("\"tag\":\"upper\"")
          .contains("tr a-z A-Z");
      EnvdTestClient.Reply input =
          envd.unary(
              "process.Process/SendInput",
              "{\"process\":{\"pid\":" + pid + "},\"input\":{\"stdin\":\"aGVsbG8K\"}}");
      assertThat(input.status()).as(input.body()).isEqualTo(200);
      assertThat(
              envd.unary("process.Process/CloseStdin", "{\"process\":{\"tag\":\"upper\"}}")
                  .status())
          .isEqualTo(200);

      EnvdTestClient.Run run = stream.collect();
      assertThat(run.stdout()).isEqualTo("HELLO\n");
      assertThat(run.exitCode()).isZero();
    }
    EnvdTestClient.Reply afterEnd =
        envd.unary(
            "process.Process/SendInput",
            "{\"process\":{\"pid\":1},\"input\":{\"stdin\":\"eA==\"}}");
    assertThat(afterEnd.status()).isEqualTo(404);
    assertThat(afterEnd.object().get("code").getAsString()).isEqualTo("not_found");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void sigkillEndsTheWholeTreeAndReportsSignalKilled(Isolation mode) throws Exception {
    EnvdTestClient envd = sandbox(mode);
    String start =
        "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"sleep 300.4711 & sleep"
            + " 301.4711; echo never\"]},\"stdin\":false}";
    try (EnvdTestClient.Stream stream = envd.stream("process.Process/Start", start, Map.of())) {
      long pid = stream.startPid();
      waitForDescendants(pid, 2);

      EnvdTestClient.Reply kill =
          envd.unary(
              "process.Process/SendSignal",
              "{\"process\":{\"pid\":" + pid + "},\"signal\":\"SIGNAL_SIGKILL\"}");
      assertThat(kill.status()).isEqualTo(200);

      EnvdTestClient.Run run = stream.collect();
      assertThat(run.end().get("exitCode").getAsInt()).isEqualTo(-1);
      assertThat(run.end().has("exited")).isFalse();
      assertThat(run.end().get("status").getAsString()).isEqualTo("signal: killed");
      assertThat(run.end().get("error").getAsString()).isEqualTo("signal: killed");
      assertThat(run.stdout()).isEmpty();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(noProcessRuns("sleep 30[01]\\.4711")).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aCommandIgnoringSigtermKeepsRunningUntilSigkill(Isolation mode) throws Exception {
    EnvdTestClient envd = sandbox(mode);
    String start =
        "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"trap '' TERM; echo ready;"
            + " sleep 302\"]},\"stdin\":false}";
    try (EnvdTestClient.Stream stream = envd.stream("process.Process/Start", start, Map.of())) {
      long pid = stream.startPid();
      assertThat(stream.next().json().toString()).contains("data"); // "ready"

      envd.unary(
          "process.Process/SendSignal",
          "{\"process\":{\"pid\":" + pid + "},\"signal\":\"SIGNAL_SIGTERM\"}");
      Thread.sleep(300);
      assertThat(envd.unary("process.Process/List", "{}").body()).contains("\"pid\":" + pid);

      envd.unary(
          "process.Process/SendSignal",
          "{\"process\":{\"pid\":" + pid + "},\"signal\":\"SIGNAL_SIGKILL\"}");
      EnvdTestClient.Run run = stream.collect();
      assertThat(run.end().get("status").getAsString()).isEqualTo("signal: killed");
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void sigtermEndsACommandAsSignalTerminated(Isolation mode) throws Exception {
    EnvdTestClient envd = sandbox(mode);
    String start =
        "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"sleep"
            + " 303\"]},\"stdin\":false}";
    try (EnvdTestClient.Stream stream = envd.stream("process.Process/Start", start, Map.of())) {
      long pid = stream.startPid();
      waitForDescendants(pid, 1);
      envd.unary(
          "process.Process/SendSignal",
          "{\"process\":{\"pid\":" + pid + "},\"signal\":\"SIGNAL_SIGTERM\"}");

      EnvdTestClient.Run run = stream.collect();
      assertThat(run.end().get("exitCode").getAsInt()).isEqualTo(-1);
      assertThat(run.end().get("status").getAsString()).isEqualTo("signal: terminated");
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void connectTimeoutMsIsTheProcessDeadlineAndKeepalivesFillSilence(Isolation mode) {
    EnvdTestClient envd = sandbox(mode);
    String start =
        "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"sleep"
            + " 304\"]},\"stdin\":false}";
    long started = System.nanoTime();
    try (EnvdTestClient.Stream stream =
        envd.stream(
            "process.Process/Start",
            start,
            Map.of("Connect-Timeout-Ms", "2500", "Keepalive-Ping-Interval", "1"))) {
      EnvdTestClient.Run run = stream.collect();
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(run.events().stream().filter(e -> e.has("keepalive")).count())
          .isGreaterThanOrEqualTo(1);
      assertThat(run.end().get("status").getAsString()).isEqualTo("signal: killed");
      assertThat(run.errorCode()).isEqualTo("deadline_exceeded");
      assertThat(took).isBetween(Duration.ofMillis(2400), Duration.ofSeconds(10));
    }
    assertThat(envd.unary("process.Process/List", "{}").body()).doesNotContain("sleep 304");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void connectSeesOnlyLiveOutputOfARunningCommand(Isolation mode) throws Exception {
    EnvdTestClient envd = sandbox(mode);
    String start =
        "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"echo before; read line; echo"
            + " after $line\"]}}";
    try (EnvdTestClient.Stream first = envd.stream("process.Process/Start", start, Map.of())) {
      long pid = first.startPid();
      assertThat(first.next().json().toString()).contains("YmVmb3JlCg=="); // "before\n"

      try (EnvdTestClient.Stream second =
          envd.stream("process.Process/Connect", "{\"process\":{\"pid\":" + pid + "}}", Map.of())) {
        assertThat(second.startPid()).isEqualTo(pid);
        // The server subscribed before it sent the start event: what follows is seen.
        envd.unary(
            "process.Process/SendInput",
            "{\"process\":{\"pid\":" + pid + "},\"input\":{\"stdin\":\"eAo=\"}}");
        EnvdTestClient.Run connected = second.collect();
        assertThat(connected.stdout()).isEqualTo("after x\n");
        assertThat(connected.exitCode()).isZero();
      }
    }
    EnvdTestClient.Reply gone = envd.unary("process.Process/Connect", "{}");
    assertThat(gone.status()).isEqualTo(415); // a stream method called as unary JSON
  }

  @ParameterizedTest
  @MethodSource("modes")
  void ptyAndUnknownSignalsAreUnimplemented(Isolation mode) {
    EnvdTestClient envd = sandbox(mode);
    String start =
        "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\"]},\"pty\":{\"size\":{\"cols\":80,\"rows\":24}}}";
    try (EnvdTestClient.Stream stream = envd.stream("process.Process/Start", start, Map.of())) {
      EnvdTestClient.Run run = stream.collect();
      assertThat(run.errorCode()).isEqualTo("unimplemented");
      assertThat(run.errorMessage()).contains("PTY");
    }
    EnvdTestClient.Reply update =
        envd.unary("process.Process/Update", "{\"process\":{\"pid\":1},\"pty\":{}}");
    assertThat(update.status()).isEqualTo(501);
    assertThat(update.object().get("code").getAsString()).isEqualTo("unimplemented");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void nonUtf8OutputArrivesByteForByte(Isolation mode) {
    EnvdTestClient.Run run = sandbox(mode).run("printf 'caf\\xc3'; printf '\\xa9 \\xff\\xfe\\n'");

    assertThat(run.stdoutBytes()).containsExactly('c', 'a', 'f', 0xc3, 0xa9, ' ', 0xff, 0xfe, '\n');
  }

  @ParameterizedTest
  @MethodSource("modes")
  void runsAHundredCommandsAtOnceInOneSandbox(Isolation mode) throws Exception {
    EnvdTestClient envd = sandbox(mode);
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try {
      List<Future<EnvdTestClient.Run>> runs = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        int n = i;
        runs.add(pool.submit(() -> envd.run("sleep 1; echo " + n)));
      }
      for (int i = 0; i < 100; i++) {
        EnvdTestClient.Run run = runs.get(i).get();
        assertThat(run.stdout()).isEqualTo(i + "\n");
        assertThat(run.exitCode()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    // The control plane answered while all of them ran, and still does.
    assertThat(TestHttp.to(MODES.server(mode)).get("/v2/sandboxes").status()).isEqualTo(200);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void hundredMegabytesOfStdoutReachASlowReaderWithBoundedServerMemory(Isolation mode)
      throws Exception {
    EnvdTestClient envd = sandbox(mode);
    String start =
        "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"head -c 100000000"
            + " /dev/zero\"]},\"stdin\":false}";
    long started = System.nanoTime();
    long bytes = 0;
    int messages = 0;
    try (EnvdTestClient.Stream stream = envd.stream("process.Process/Start", start, Map.of())) {
      EnvdTestClient.Message message;
      while ((message = stream.next()) != null && !message.endStream()) {
        JsonObject event = message.json().getAsJsonObject("event");
        if (event.has("data")) {
          bytes +=
              java.util.Base64.getDecoder()
                  .decode(event.getAsJsonObject("data").get("stdout").getAsString())
                  .length;
          if (++messages % 200 == 0) {
            Thread.sleep(20); // a slow reader: the command waits, the server does not buffer
          }
        }
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf(
        "100 MB stdout (%s) through a slow reader: %d ms, %d messages%n",
        mode, took.toMillis(), messages);
    assertThat(bytes).isEqualTo(100_000_000L);
  }

  /** Waits until the process or its descendants include {@code atLeast} sleep processes. */
  private static void waitForDescendants(long pid, int atLeast) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      long sleeps =
          ProcessHandle.of(pid).stream()
              .flatMap(
                  h ->
                      java.util.stream.Stream.concat(
                          java.util.stream.Stream.of(h), h.descendants()))
              .filter(h -> h.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
              .count();
      if (sleeps >= atLeast) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the command did not start its children");
  }

  private static boolean noProcessRuns(String commandLineRegex) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      boolean any =
          ProcessHandle.allProcesses()
              .anyMatch(
                  h ->
                      h.info()
                          .commandLine()
                          .map(c -> c.matches(".*" + commandLineRegex + ".*"))
                          .orElse(false));
      if (!any) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }
}
