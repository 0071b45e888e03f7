package dev.sandbox4j.local.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.local.Isolation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LocalSandbox#launch} and the close hooks, the wiring points for long-lived helpers such as
 * a code interpreter's kernels: confined like commands, stopped and continued with the sandbox,
 * ended with it.
 */
class LocalSandboxLaunchTest {

  static List<Isolation> modes() {
    return Confinement.bubblewrapWorks()
        ? List.of(Isolation.BWRAP, Isolation.NONE)
        : List.of(Isolation.NONE);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void launchedProcessesLiveInTheSandboxAndEndWithIt(Isolation mode) throws Exception {
    Map<String, SandboxRecord> records = new ConcurrentHashMap<>();
    records.put("sbx1", new SandboxRecord("sbx1", true, Map.of(), Optional.empty()));
    try (SandboxRuntime runtime =
        new SandboxRuntime(
            new RuntimeOptions(mode, 1 << 20, 64), id -> Optional.ofNullable(records.get(id)))) {
      LocalSandbox sandbox = runtime.running("sbx1").orElseThrow();
      AtomicBoolean hookRan = new AtomicBoolean();
      sandbox.addCloseHook(() -> hookRan.set(true));
      List<String> pauseEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
      sandbox.addPauseHooks(() -> pauseEvents.add("pause"), () -> pauseEvents.add("resume"));

      Process kernel =
          sandbox.launch(
              List.of(
                  "/bin/sh",
                  "-c",
                  "echo \"$GREETING\" > greeting.txt; echo ready; while read line; do echo \"got"
                      + " $line\"; done"),
              Map.of("GREETING", "hello"),
              "");
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(kernel.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("ready");
      assertThat(Files.readString(sandbox.paths().host("/home/user/greeting.txt", true)))
          .isEqualTo("hello\n");

      records.put("sbx1", new SandboxRecord("sbx1", false, Map.of(), Optional.empty()));
      runtime.reconcile();
      assertThat(stateWithin(kernel.pid(), "T")).isEqualTo("T");
      assertThat(pauseEvents).containsExactly("pause");
      records.put("sbx1", new SandboxRecord("sbx1", true, Map.of(), Optional.empty()));
      runtime.reconcile();
      kernel.getOutputStream().write("x\n".getBytes(StandardCharsets.UTF_8));
      kernel.getOutputStream().flush();
      assertThat(out.readLine()).isEqualTo("got x");
      assertThat(pauseEvents).containsExactly("pause", "resume");

      Path root = sandbox.paths().host("/home/user", true).getParent().getParent();
      records.remove("sbx1");
      runtime.reconcile();
      assertThat(kernel.waitFor(5, TimeUnit.SECONDS)).isTrue();
      assertThat(hookRan).isTrue();
      assertThat(root).doesNotExist();
      assertThat(runtime.running("sbx1")).isEmpty();
      AtomicBoolean lateHookRan = new AtomicBoolean();
      sandbox.addCloseHook(() -> lateHookRan.set(true)); // added after the end: runs at once
      assertThat(lateHookRan).isTrue();
      assertThatThrownBy(() -> sandbox.launch(List.of("true"), Map.of(), ""))
          .isInstanceOf(Failure.class)
          .hasMessageContaining("gone");
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aMissingWorkingDirectoryIsRefused(Isolation mode) {
    Map<String, SandboxRecord> records =
        Map.of("sbx2", new SandboxRecord("sbx2", true, Map.of(), Optional.empty()));
    try (SandboxRuntime runtime =
        new SandboxRuntime(
            new RuntimeOptions(mode, 1 << 20, 64), id -> Optional.ofNullable(records.get(id)))) {
      LocalSandbox sandbox = runtime.running("sbx2").orElseThrow();
      assertThatThrownBy(() -> sandbox.launch(List.of("true"), Map.of(), "/home/user/missing"))
          .isInstanceOf(Failure.class)
          .hasMessage("cwd '/home/user/missing' does not exist");
    }
  }

  /**
   * The process's state letter, waiting up to 5 s for {@code expected}: signals land late on a busy
   * machine.
   */
  private static String stateWithin(long pid, String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    String state;
    do {
      Thread.sleep(20);
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } while (!state.equals(expected) && System.nanoTime() < deadline);
    return state;
  }
}
