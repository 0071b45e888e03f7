package dev.sandbox4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.local.LocalSandboxServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's data-plane snippet against the local server's sandbox runtime. */
class ReadmeDataPlaneTest {

  @Test
  void theDataPlaneSnippetDoesWhatItsCommentsSay(@TempDir Path scratch) throws Exception {
    try (LocalSandboxServer server = LocalSandboxServer.start();
        SandboxClient client =
            SandboxClient.builder()
                .apiUrl(server.apiUrl())
                .apiKey(server.apiKey())
                .sandboxUrl(server.sandboxUrl())
                .build()) {
      Map<String, Object> found = ReadmeDataPlane.run(client, scratch);

      assertThat(found)
          .containsEntry("stdout", "hello\n")
          .containsEntry("printed", "built\n")
          .containsEntry("listed", true)
          .containsEntry("killed", true)
          .containsEntry("text", "hello")
          .containsEntry("bytes", 3)
          .containsEntry("watched", true)
          .containsEntry("code", "42")
          .containsEntry("javascript", "2");
      assertThat((int) found.get("entries")).isGreaterThanOrEqualTo(3);
      assertThat((String) found.get("url"))
          .contains("signature=v1_")
          .contains("signature_expiration=");
      assertThat(server.admin().sandboxCount()).isZero();
    }
  }
}
