package dev.sandbox4j.local.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client paths resolve as envd resolves them and never leave the sandbox. */
class SandboxPathsTest {

  @TempDir Path root;

  private SandboxPaths paths() {
    return new SandboxPaths(root, List.of("/home/user", "/tmp"));
  }

  @Test
  void resolvesHomeTildeRelativeAndDotsAsEnvd() {
    SandboxPaths paths = paths();
    assertThat(paths.resolve("")).isEqualTo("/home/user");
    assertThat(paths.resolve("~")).isEqualTo("/home/user");
    assertThat(paths.resolve("~/a/b")).isEqualTo("/home/user/a/b");
    assertThat(paths.resolve("a/./b/../c")).isEqualTo("/home/user/a/c");
    assertThat(paths.resolve("/tmp//x/")).isEqualTo("/tmp/x");
  }

  @Test
  void refusesEverythingOutsideTheMappedDirectories() {
    SandboxPaths paths = paths();
    for (String outside :
        List.of("/etc/passwd", "../../etc", "/home/user/../../root", "/home", "/", "/tmpx")) {
      assertThatThrownBy(() -> paths.resolve(outside))
          .isInstanceOfSatisfying(
              Failure.class, f -> assertThat(f.kind()).isEqualTo(Failure.Kind.PERMISSION_DENIED));
    }
    assertThatThrownBy(() -> paths.resolve("~root/x")).isInstanceOf(Failure.class);
    assertThatThrownBy(() -> paths.resolve("a\0b")).isInstanceOf(Failure.class);
  }

  @Test
  void followsLinksInsideTheSandboxAndRefusesLinksOut() throws Exception {
    Path home = Files.createDirectories(root.resolve("home/user"));
    Files.createDirectories(root.resolve("tmp"));
    Files.writeString(root.resolve("tmp/t.txt"), "t");
    Files.createSymbolicLink(
        home.resolve("abs"), Path.of("/tmp/t.txt")); // absolute: the sandbox's /tmp
    Files.createSymbolicLink(home.resolve("up"), Path.of("../../etc"));
    Files.createSymbolicLink(home.resolve("loop"), Path.of("loop"));
    SandboxPaths paths = paths();

    assertThat(paths.realPath("/home/user/abs")).isEqualTo("/tmp/t.txt");
    assertThat(paths.host("/home/user/abs", true)).isEqualTo(root.resolve("tmp/t.txt"));
    assertThat(paths.host("/home/user/abs", false)).isEqualTo(home.resolve("abs"));
    assertThatThrownBy(() -> paths.host("/home/user/up/passwd", true))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.kind()).isEqualTo(Failure.Kind.PERMISSION_DENIED));
    assertThatThrownBy(() -> paths.host("/home/user/loop", true))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.kind()).isEqualTo(Failure.Kind.FAILED_PRECONDITION));
  }
}
