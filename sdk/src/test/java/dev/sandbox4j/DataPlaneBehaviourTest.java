package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.CommandExitException;
import dev.sandbox4j.errors.InvalidArgumentException;
import dev.sandbox4j.errors.SandboxFileNotFoundException;
import dev.sandbox4j.errors.SandboxNotFoundException;
import dev.sandbox4j.errors.SandboxTimeoutException;
import dev.sandbox4j.local.LocalSandboxServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK's data plane against the embedded local server's sandbox runtime: real processes and
 * files, reached through {@code sandboxUrl} and the routing headers.
 */
class DataPlaneBehaviourTest {
  private static LocalSandboxServer server;
  private static SandboxClient client;
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    server = LocalSandboxServer.start();
    client = LocalServers.clientFor(server).sandboxUrl(server.sandboxUrl()).build();
    sandbox = client.create();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    client.close();
    server.close();
  }

  @Test
  void runReturnsOutputAndHonoursEnvironmentAndDirectory() {
    CommandResult result =
        sandbox
            .commands()
            .run(
                "echo \"$GREETING\"; echo oops >&2; pwd",
                CommandOptions.builder().envs(Map.of("GREETING", "héllo")).build());

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).startsWith("héllo\n");
    assertThat(result.stderr()).isEqualTo("oops\n");
    assertThat(sandbox.commands().run("mkdir -p sub && cd sub && pwd").stdout().trim())
        .endsWith("/sub");
  }

  @Test
  void aNonZeroExitAMissingDirectoryAndADeadlineAreTyped() {
    assertThatThrownBy(() -> sandbox.commands().run("echo out; exit 3"))
        .isInstanceOfSatisfying(
            CommandExitException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(3);
              assertThat(e.stdout()).isEqualTo("out\n");
            });
    assertThatThrownBy(
            () ->
                sandbox
                    .commands()
                    .run("true", CommandOptions.builder().cwd("/home/user/nope").build()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(
            () ->
                sandbox
                    .commands()
                    .run(
                        "sleep 30",
                        CommandOptions.builder().timeout(Duration.ofSeconds(1)).build()))
        .isInstanceOf(SandboxTimeoutException.class)
        .hasMessageContaining("Duration.ZERO");
  }

  @Test
  void backgroundCommandsTakeStdinAndCanBeListedAndKilled() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    CommandHandle cat =
        sandbox
            .commands()
            .start(
                "cat",
                CommandOptions.builder()
                    .stdin(true)
                    .timeout(Duration.ZERO)
                    .onStdout(seen::add)
                    .build());
    cat.sendStdin("line one\n");
    cat.closeStdin();
    assertThat(cat.waitFor(Duration.ofSeconds(10)).stdout()).isEqualTo("line one\n");
    assertThat(String.join("", seen)).isEqualTo("line one\n");

    CommandHandle sleeper =
        sandbox
            .commands()
            .start("sleep 60", CommandOptions.builder().timeout(Duration.ZERO).build());
    assertThat(sandbox.commands().list()).extracting(ProcessInfo::pid).contains(sleeper.pid());
    assertThat(sleeper.kill()).isTrue();
    assertThatThrownBy(() -> sleeper.waitFor(Duration.ofSeconds(10)))
        .isInstanceOfSatisfying(
            CommandExitException.class, e -> assertThat(e.exitCode()).isEqualTo(-1));
    assertThat(sandbox.commands().kill(sleeper.pid())).isFalse();
  }

  @Test
  void filesRoundTripListRenameAndRemove() throws Exception {
    sandbox.files().write("/home/user/dir/a.txt", "hello files");
    sandbox.files().write("dir/b.bin", new ByteArrayInputStream(new byte[] {1, 2, 3}));
    sandbox
        .files()
        .write(List.of(WriteEntry.of("dir/c.txt", "c"), WriteEntry.of("dir/d.txt", "d")));

    assertThat(sandbox.files().read("/home/user/dir/a.txt")).isEqualTo("hello files");
    assertThat(sandbox.commands().run("cat dir/c.txt dir/d.txt").stdout()).isEqualTo("cd");
    try (InputStream in = sandbox.files().readStream("dir/b.bin")) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    }
    assertThat(sandbox.files().list("/home/user/dir"))
        .extracting(EntryInfo::name)
        .containsExactlyInAnyOrder("a.txt", "b.bin", "c.txt", "d.txt");
    assertThat(sandbox.files().getInfo("dir/a.txt").size()).isEqualTo(11);
    assertThat(sandbox.files().makeDir("dir/sub")).isTrue();
    assertThat(sandbox.files().makeDir("dir/sub")).isFalse();
    assertThat(sandbox.files().rename("dir/a.txt", "dir/sub/moved.txt").name())
        .isEqualTo("moved.txt");
    assertThat(sandbox.files().exists("dir/a.txt")).isFalse();
    sandbox.files().remove("dir");
    assertThat(sandbox.files().exists("dir")).isFalse();
    assertThatThrownBy(() -> sandbox.files().read("dir/sub/moved.txt"))
        .isInstanceOf(SandboxFileNotFoundException.class);
    assertThatThrownBy(() -> sandbox.files().readAsync("missing.txt").get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(SandboxFileNotFoundException.class);
  }

  @Test
  void watchSeesChangesMadeByACommand() throws Exception {
    sandbox.files().makeDir("watched");
    List<FilesystemEvent> events = new CopyOnWriteArrayList<>();
    try (WatchHandle watch = sandbox.files().watchDir("watched", events::add)) {
      sandbox.commands().run("echo x > watched/new.txt");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (events.stream().noneMatch(e -> e.name().equals("new.txt"))
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.name()).isEqualTo("new.txt");
              assertThat(e.type()).isEqualTo(FilesystemEventType.CREATE);
            });
  }

  @Test
  void healthMetricsAndAGoneSandbox() {
    assertThat(sandbox.isRunning()).isTrue();
    assertThat(sandbox.getMetrics().diskTotal()).isPositive();

    Sandbox doomed = client.create();
    doomed.kill();
    assertThat(doomed.isRunning()).isFalse();
    assertThatThrownBy(() -> doomed.commands().run("true"))
        .isInstanceOf(SandboxNotFoundException.class);
  }
}
