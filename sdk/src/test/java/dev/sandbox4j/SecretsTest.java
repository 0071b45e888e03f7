package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sandbox4j.errors.BadRequestException;
import dev.sandbox4j.errors.SandboxException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A canary API key and a canary sandbox token pass through success and failure paths; neither
 * may appear in a log line, an exception message (anywhere in the cause chain) or a toString().
 */
class SecretsTest {
  private static final String KEY = "sk_CANARY_KEY_0123456789";
  private static final String TOKEN = "envd_CANARY_TOKEN_abcdef";

  private final List<String> texts = new ArrayList<>();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private MockApi api;

  @BeforeEach
  void start() throws Exception {
    api = new MockApi();
    originalErr = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    System.setErr(originalErr);
    api.close();
  }

  private SandboxClient client(Consumer<SandboxClient.Builder> more) {
    return api.client(b -> {
      b.apiKey(KEY).maxRetries(1);
      more.accept(b);
    });
  }

  private void collect(Throwable thrown) {
    Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> pending = new ArrayList<>(List.of(thrown));
    while (!pending.isEmpty()) {
      Throwable t = pending.remove(0);
      if (t == null || !seen.add(t)) {
        continue;
      }
      texts.add(String.valueOf(t.getMessage()));
      texts.add(t.toString());
      pending.add(t.getCause());
      pending.addAll(List.of(t.getSuppressed()));
    }
  }

  private void expectFailure(SandboxClient client, Consumer<SandboxClient> call) {
    collect(assertThrows(SandboxException.class, () -> call.accept(client)));
  }

  private static MockResponse response(int code, String contentType, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", contentType).body(body).build();
  }

  @Test
  void canariesAppearNowhere() throws Exception {
    String createdWithToken =
        "{\"sandboxID\":\"sbx1\",\"templateID\":\"base\",\"envdVersion\":\"0.2.0\","
            + "\"envdAccessToken\":\"" + TOKEN + "\",\"trafficAccessToken\":\"" + TOKEN + "\"}";
    api.enqueue(response(201, "application/json", createdWithToken));
    api.enqueue(response(200, "application/json",
        MockApi.listed("sbx1", "running").replace("}", ",\"envdAccessToken\":\"" + TOKEN + "\"}")));
    api.enqueue(response(401, "application/json", "{\"code\":401,\"message\":\"bad key " + KEY + "\"}"));
    api.enqueue(response(500, "text/html", "<html>key=" + KEY + "</html>"));
    api.enqueue(response(500, "text/html", "<html>key=" + KEY + "</html>"));
    api.enqueue(response(201, "application/json",
        "{\"sandboxID\":\"sbx1\",\"envdAccessToken\":\"" + TOKEN + "\"}"));
    api.enqueue(response(200, "text/html", "<html>" + TOKEN + "</html>"));
    api.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "99999").body(KEY).build());
    api.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    try (SandboxClient client = client(b -> b.requestTimeout(Duration.ofMillis(300)))) {
      texts.add(client.toString());
      Sandbox sandbox = client.create();
      assertThat(sandbox.envdAccessToken()).contains(TOKEN);
      texts.add(sandbox.toString());
      texts.add(client.getInfo("sbx1").toString());
      expectFailure(client, c -> c.list().nextItems());
      expectFailure(client, c -> c.getInfo("sbx1"));
      expectFailure(client, SandboxClient::create);
      expectFailure(client, c -> c.list().nextItems());
      expectFailure(client, c -> c.list().nextItems());
      expectFailure(client, c -> c.withOptions(o -> o.maxRetries(0)).kill("sbx1"));
    }
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (SandboxClient refused =
        client(b -> b.apiUrl("http://127.0.0.1:" + closedPort).accessToken(TOKEN))) {
      texts.add(refused.toString());
      expectFailure(refused, SandboxClient::create);
    }
    texts.add(
        CreateSandboxParams.builder().putEnv("SECRET", TOKEN).putEnv("KEY", KEY).build().toString());
    texts.add(log.toString(StandardCharsets.UTF_8));

    assertThat(log.toString(StandardCharsets.UTF_8))
        .as("the SDK's debug log was captured")
        .contains("GET")
        .contains("retrying");
    assertThat(texts).hasSizeGreaterThan(20);
    for (String text : texts) {
      assertThat(text).doesNotContain(KEY).doesNotContain(TOKEN);
    }
  }

  @Test
  void theKeyIsStillSentOnTheWire() throws Exception {
    api.enqueue(200, "[]");
    try (SandboxClient client = client(b -> {})) {
      client.list().nextItems();
    }
    assertThat(api.take().getHeaders().toMultimap()).containsEntry("x-api-key", List.of(KEY));
    assertThat(Map.of()).isEmpty();
  }

  @Test
  void theCauseOfAStatusErrorCarriesNoBodyBeyondTheSnippetAndNoEchoedKey() {
    api.enqueue(
        new MockResponse.Builder()
            .code(400)
            .setHeader("X-Echo", MockApi.KEY)
            .body("{\"message\":\"bad\"}" + " ".repeat(60_000) + MockApi.KEY)
            .build());
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(() -> client.getInfo("sbx1"))
          .isInstanceOfSatisfying(
              BadRequestException.class,
              e -> {
                assertThat(e.getCause().getMessage()).hasSizeLessThan(1_000).doesNotContain(MockApi.KEY);
                assertThat(e.getCause().toString()).doesNotContain(MockApi.KEY);
              });
    }
  }
}
