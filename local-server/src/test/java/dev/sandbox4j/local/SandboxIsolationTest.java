package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each isolation mode lets a command see and do. The bubblewrap cases run where bubblewrap
 * works (CI installs it); elsewhere they have no invocation and {@link IsolationModes} says so.
 */
class SandboxIsolationTest {

  private static final IsolationModes MODES = new IsolationModes(LocalSandboxServer.builder());

  @AfterAll
  static void closeServers() {
    MODES.close();
  }

  private static EnvdTestClient sandbox(Isolation mode) {
    LocalSandboxServer server = MODES.server(mode);
    return EnvdTestClient.of(server, TestHttp.to(server).create());
  }

  static List<Isolation> bubblewrapIfAvailable() {
    return IsolationModes.available().contains(Isolation.BWRAP)
        ? List.of(Isolation.BWRAP)
        : List.of();
  }

  @ParameterizedTest(allowZeroInvocations = true)
  @MethodSource("bubblewrapIfAvailable")
  void underBubblewrapTheSandboxSeesItsOwnHomeAndTmpAndTheHostReadOnly(Isolation mode) {
    EnvdTestClient envd = sandbox(mode);
    envd.upload(
        "/files?path=%2Ftmp%2Fshared.txt", "application/octet-stream", "via files".getBytes());

    EnvdTestClient.Run run =
        envd.run(
            "cat /tmp/shared.txt; echo; pwd; hostname; echo $$; test -e /root && echo"
                + " host-root-visible || echo no-host-root; touch /usr/sandbox4j-probe 2>/dev/null"
                + " && echo usr-writable || echo usr-read-only; echo made > /home/user/made.txt");

    assertThat(run.stdout().lines().toList())
        .containsExactly(
            "via files",
            "/home/user",
            "sandbox-" + idOf(envd),
            "2",
            "no-host-root",
            "usr-read-only");
    assertThat(envd.get("/files?path=%2Fhome%2Fuser%2Fmade.txt", Map.of()).body())
        .isEqualTo("made\n");
  }

  /** A fork bomb is only let loose where the pid limit holds it. */
  static List<Isolation> bubblewrapWithProcessLimit() {
    if (!dev.sandbox4j.local.internal.runtime.SandboxRuntime.canLimitProcesses()) {
      System.out.println(
          "NOTE: no writable pid cgroup here (not root?): the fork-bomb case does not run.");
      return List.of();
    }
    return bubblewrapIfAvailable();
  }

  @ParameterizedTest(allowZeroInvocations = true)
  @MethodSource("bubblewrapWithProcessLimit")
  void underBubblewrapAForkBombMeetsThePidLimitAndOtherSandboxesKeepWorking(Isolation mode) {
    LocalSandboxServer server = MODES.server(mode);
    EnvdTestClient bomb = sandbox(mode);
    long started = System.nanoTime();
    try (EnvdTestClient.Stream stream =
        bomb.stream(
            "process.Process/Start",
            "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-c\",\"b(){ b | b & }; b; sleep"
                + " 2\"]},\"stdin\":false}",
            Map.of("Connect-Timeout-Ms", "10000"))) {
      EnvdTestClient.Run run = stream.collect();
      assertThat(run.stderr()).contains("Resource temporarily unavailable"); // fork hit the limit
    }
    // The bomb's sandbox is killed with everything in it; the server and other sandboxes carry on.
    String bombId = idOf(bomb);
    assertThat(TestHttp.to(server).delete("/sandboxes/" + bombId).status()).isEqualTo(204);
    System.out.printf(
        "fork bomb under bwrap: contained and removed in %d ms%n",
        Duration.ofNanos(System.nanoTime() - started).toMillis());
    EnvdTestClient other = sandbox(mode);
    assertThat(other.run("echo alive").stdout()).isEqualTo("alive\n");
  }

  @Test
  void withoutIsolationOnlyHomeIsMappedAndCommandsRunInTheSandboxDirectory() {
    EnvdTestClient envd = sandbox(Isolation.NONE);

    EnvdTestClient.Reply tmp =
        envd.upload("/files?path=%2Ftmp%2Fx.txt", "application/octet-stream", new byte[] {1});
    assertThat(tmp.status()).isEqualTo(403);
    assertThat(tmp.object().get("message").getAsString()).contains("/home/user");
    envd.upload("/files?path=note.txt", "application/octet-stream", "n".getBytes());
    EnvdTestClient.Run run =
        envd.run("cat note.txt; echo; test \"$PWD\" = \"$HOME\" && echo cwd-is-home");
    assertThat(run.stdout()).isEqualTo("n\ncwd-is-home\n");
    assertThat(run.stdout()).doesNotContain("/home/user"); // the host path of the sandbox's home
  }

  private static String idOf(EnvdTestClient envd) {
    return envd.sandboxId();
  }
}
