package dev.sandbox4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.SandboxState;
import dev.sandbox4j.local.LocalSandboxServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the README's usage snippets against the local server and checks what they found. */
class ReadmeUsageTest {

  @Test
  void theReadmeSnippetsDoWhatTheirCommentsSay() throws Exception {
    try (LocalSandboxServer server = LocalSandboxServer.start();
        SandboxClient client =
            SandboxClient.builder().apiUrl(server.apiUrl()).apiKey(server.apiKey()).build()) {
      // The static one-liners read the environment's client: point it here through properties.
      System.setProperty("novita.apiUrl", server.apiUrl());
      System.setProperty("novita.apiKey", server.apiKey());
      try {
        Map<String, Object> found = ReadmeUsage.run(client, null);
        assertThat(found)
            .containsEntry("running", 1)
            .containsEntry("mine", 1)
            .containsEntry("both", 1)
            .containsEntry("pages", 1)
            .containsEntry("iterated", 1)
            .containsEntry("big", 0)
            .containsEntry("wasPaused", false)
            .containsEntry("infoState", SandboxState.RUNNING)
            .containsEntry("paused", true)
            .containsEntry("host", true)
            .containsEntry("scratchGone", true)
            .containsEntry("staticKilled", true)
            .containsEntry("asyncFirstPage", 1)
            .containsEntry("quick", true)
            .containsEntry("rawStatus", 200)
            .containsEntry("killed", true);
        assertThat(server.admin().sandboxCount()).isZero();
      } finally {
        System.clearProperty("novita.apiUrl");
        System.clearProperty("novita.apiKey");
        SandboxClient.resetDefault();
      }
    }
  }
}
