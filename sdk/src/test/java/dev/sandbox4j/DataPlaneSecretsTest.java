package dev.sandbox4j;

import static dev.sandbox4j.MockSandbox.START;
import static dev.sandbox4j.MockSandbox.json;
import static dev.sandbox4j.MockSandbox.stream;
import static dev.sandbox4j.MockSandbox.streamResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox's access token never shows in a message, a cause chain or a toString(). */
class DataPlaneSecretsTest {
  private final MockSandbox mock;

  DataPlaneSecretsTest() throws Exception {
    mock = new MockSandbox();
  }

  @AfterEach
  void close() throws Exception {
    mock.close();
  }

  private static String everything(Throwable thrown) {
    StringWriter out = new StringWriter();
    thrown.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void echoedTokensAreMaskedEverywhere() {
    mock.enqueue(json(500, "{\"code\":500,\"message\":\"token " + MockSandbox.TOKEN + " bad\"}"));
    mock.enqueue(
        streamResponse(
            stream(
                START,
                "{\"error\":{\"code\":\"internal\",\"message\":\"saw "
                    + MockSandbox.TOKEN
                    + "\"}}")));
    mock.enqueue(
        json(400, "{\"code\":\"invalid_argument\",\"message\":\"" + MockSandbox.TOKEN + "\"}"));

    Throwable read = catchThrowable(() -> mock.sandbox.files().read("/a"));
    Throwable run = catchThrowable(() -> mock.sandbox.commands().run("x"));
    Throwable list = catchThrowable(() -> mock.sandbox.files().list("/"));

    for (Throwable thrown : new Throwable[] {read, run, list}) {
      assertThat(thrown).isNotNull();
      assertThat(everything(thrown)).doesNotContain(MockSandbox.TOKEN);
    }
    assertThat(read).hasMessageContaining("[redacted]");
    assertThat(mock.sandbox.toString()).doesNotContain(MockSandbox.TOKEN);
    assertThat(mock.sandbox.files().toString()).doesNotContain(MockSandbox.TOKEN);
    assertThat(mock.sandbox.commands().toString()).doesNotContain(MockSandbox.TOKEN);
    assertThat(mock.client.toString()).doesNotContain(MockSandbox.TOKEN);
  }

  @Test
  void aFileUrlsSignatureIsMaskedOnceHandedOut() {
    String url = mock.sandbox.files().downloadUrl("/a.txt", java.time.Duration.ofMinutes(5));
    String signature = okhttp3.HttpUrl.get(url).queryParameter("signature");
    assertThat(signature).startsWith("v1_");
    mock.enqueue(json(500, "{\"code\":500,\"message\":\"bad signature " + signature + "\"}"));

    Throwable read = catchThrowable(() -> mock.sandbox.files().read("/a.txt"));

    assertThat(everything(read)).doesNotContain(signature).contains("[redacted]");
  }
}
