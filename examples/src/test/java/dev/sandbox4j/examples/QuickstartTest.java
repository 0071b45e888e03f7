package dev.sandbox4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.local.LocalSandboxServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the README quickstart against the embedded server and checks what it printed. */
class QuickstartTest {

  @Test
  void everyStepShowsTheExpectedOutcome() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (LocalSandboxServer server = LocalSandboxServer.start();
        SandboxClient client =
            SandboxClient.builder()
                .apiUrl(server.apiUrl())
                .apiKey(server.apiKey())
                .sandboxUrl(server.sandboxUrl())
                .build()) {
      new Quickstart(client, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
      assertThat(server.admin().sandboxCount()).isZero();
    }
    String output = buffer.toString(StandardCharsets.UTF_8);
    String afterFilter = output.substring(output.indexOf("3. Filter by metadata"));
    assertThat(afterFilter)
        .startsWith("3. Filter by metadata: userId=123 and env=dev\n   1 sandbox(es):");
    assertThat(output)
        .contains("2. List running sandboxes\n   4 sandbox(es):")
        .containsPattern(
            "pause\\(\\w+\\) -> true\n   1 sandbox\\(es\\):\n   - \\w+ paused userId=789")
        .containsPattern("page 1: \\[\\w+, \\w+\\], hasNext=true, nextToken=present")
        .containsPattern("page 2: \\[\\w+, \\w+\\], hasNext=false, nextToken=none")
        .containsPattern("resumed=true, state now RUNNING")
        .containsPattern("kill again \\(\\w+\\) -> false")
        .contains("remaining: []")
        .containsPattern(
            "9\\. Run a command inside a new sandbox \\(\\w+\\)\n   exit 0, stdout: hello from Linux\n")
        .contains("   wrote /home/user/notes.txt\n   read: first line\n")
        .contains("   - notes.txt (file, 11 bytes)\n")
        .contains("   runCode(\"x = 41 ...\") -> stdout: x is set\n   runCode(\"x + 1\") -> 42\n")
        .containsPattern("   kill\\(\\w+\\) -> true\n\nDone.\n$");
  }
}
