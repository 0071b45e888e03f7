package dev.sandbox4j.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.local.LocalSandboxServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

  @Test
  void defaultsArePort3000AndTheDocumentedKey() throws Exception {
    CommandLineOptions options = CommandLineOptions.parse(List.of());

    assertThat(options.port()).isEqualTo(3000);
    assertThat(options.apiKey()).isEqualTo(LocalSandboxServer.DEFAULT_API_KEY);
    assertThat(options.help()).isFalse();
  }

  @Test
  void optionsTakeSeparateOrAttachedValues() throws Exception {
    assertThat(CommandLineOptions.parse(List.of("--port", "4000", "--api-key", "KEY")))
        .isEqualTo(new CommandLineOptions("127.0.0.1", 4000, "KEY", false, false));
    assertThat(CommandLineOptions.parse(List.of("--api-key=K=V", "--port=0")))
        .isEqualTo(new CommandLineOptions("127.0.0.1", 0, "K=V", false, false));
  }

  @Test
  void hostSetsTheListeningAddress() throws Exception {
    assertThat(CommandLineOptions.parse(List.of("--host", "0.0.0.0", "--port=0")))
        .isEqualTo(
            new CommandLineOptions("0.0.0.0", 0, LocalSandboxServer.DEFAULT_API_KEY, false, false));
    assertThat(CommandLineOptions.parse(List.of("--host=localhost")).host()).isEqualTo("localhost");
  }

  @Test
  void versionPrintsTheBuiltVersionAndExitsWith0() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code =
        StandaloneLauncher.run(
            List.of("--version"), print(out), print(new ByteArrayOutputStream()));

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).trim())
        .matches("sandbox4j-local-server \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void templatesAreRepeatable() throws Exception {
    assertThat(
            CommandLineOptions.parse(List.of("--template", "base", "--template=desktop"))
                .templates())
        .containsExactly("base", "desktop");
    assertThat(CommandLineOptions.parse(List.of("--max-lifetime", "3600")).maxLifetimeSeconds())
        .isEqualTo(3600);
  }

  @Test
  void isolationAndDiskQuotaAreOptions() throws Exception {
    CommandLineOptions options =
        CommandLineOptions.parse(List.of("--isolation", "NONE", "--disk-quota-mb=5"));

    assertThat(options.isolation()).isEqualTo(dev.sandbox4j.local.Isolation.NONE);
    assertThat(options.diskQuotaBytes()).isEqualTo(5L << 20);
    assertThat(CommandLineOptions.parse(List.of()).isolation())
        .isEqualTo(dev.sandbox4j.local.Isolation.AUTO);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--template",
        "--template=",
        "--max-lifetime 0",
        "--max-lifetime x",
        "--port abc",
        "--port 70000",
        "--port -1",
        "--port",
        "--api-key",
        "--api-key=",
        "--verbose",
        "serve",
        "--port=3000 extra",
        "--isolation maybe",
        "--disk-quota-mb 0",
        "--disk-quota-mb x",
        "--host",
        "--host="
      })
  void badCommandLinesAreUsageErrors(String line) {
    assertThatThrownBy(() -> CommandLineOptions.parse(List.of(line.split(" "))))
        .isInstanceOf(CommandLineOptions.UsageException.class);
  }

  @Test
  void aBadCommandLineExitsWithCode2AndPrintsTheUsage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = StandaloneLauncher.run(List.of("--port", "nope"), print(out), print(err));

    assertThat(code).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--port must be a number from 0 to 65535, got 'nope'")
        .contains("Usage: java -jar sandbox4j-local-server.jar");
  }

  @Test
  void helpPrintsTheUsageAndExitsWith0() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code =
        StandaloneLauncher.run(List.of("--help"), print(out), print(new ByteArrayOutputStream()));

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--api-key KEY")
        .contains("default 3000")
        .contains("NOVITA_API_URL=http://127.0.0.1:PORT")
        .doesNotContain("go when NOVITA_DEBUG");
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
