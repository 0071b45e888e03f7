package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sandbox4j.errors.BadRequestException;
import dev.sandbox4j.errors.SandboxApiException;
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
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A canary API key and a canary sandbox token pass through success and failure paths; neither may
 * appear in a log line, an exception message (anywhere in the cause chain) or a toString().
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
    return api.client(
        b -> {
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
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", contentType)
        .body(body)
        .build();
  }

  @Test
  void canariesAppearNowhere() throws Exception {
    String createdWithToken =
        "{\"sandboxID\":\"sbx1\",\"templateID\":\"base\",\"envdVersion\":\"0.2.0\","
            + "\"envdAccessToken\":\""
            + TOKEN
            + "\",\"trafficAccessToken\":\""
            + TOKEN
            + "\"}";
    api.enqueue(response(201, "application/json", createdWithToken));
    api.enqueue(
        response(
            200,
            "application/json",
            MockApi.listed("sbx1", "running")
                .replace("}", ",\"envdAccessToken\":\"" + TOKEN + "\"}")));
    api.enqueue(
        response(401, "application/json", "{\"code\":401,\"message\":\"bad key " + KEY + "\"}"));
    api.enqueue(response(500, "text/html", "<html>key=" + KEY + "</html>"));
    api.enqueue(response(500, "text/html", "<html>key=" + KEY + "</html>"));
    api.enqueue(
        response(
            201,
            "application/json",
            "{\"sandboxID\":\"sbx1\",\"envdAccessToken\":\"" + TOKEN + "\"}"));
    api.enqueue(response(200, "text/html", "<html>" + TOKEN + "</html>"));
    api.enqueue(
        new MockResponse.Builder().code(429).setHeader("Retry-After", "99999").body(KEY).build());
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
        CreateSandboxParams.builder()
            .putEnv("SECRET", TOKEN)
            .putEnv("KEY", KEY)
            .build()
            .toString());
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
                assertThat(e.getCause().getMessage())
                    .hasSizeLessThan(1_000)
                    .doesNotContain(MockApi.KEY);
                assertThat(e.getCause().toString()).doesNotContain(MockApi.KEY);
              });
    }
  }

  // Issue 14 item 10: secrets the client saw later, echoed in altered forms, on every path.
  private static final String SANDBOX_TOKEN = "envd_SANDBOX_CANARY_987654";
  private static final String PAGE_TOKEN = "next_PAGE_CANARY_42";
  private static final String PERCENT_ENCODED_KEY = KEY.replace("_", "%5F");

  private void assertNothingLeaked() {
    texts.add(log.toString(StandardCharsets.UTF_8));
    for (String text : texts) {
      assertThat(text)
          .doesNotContain(KEY)
          .doesNotContain(PERCENT_ENCODED_KEY)
          .doesNotContain(KEY.substring(9))
          .doesNotContain(SANDBOX_TOKEN)
          .doesNotContain(PAGE_TOKEN);
    }
  }

  @Test
  void aSandboxTokenEchoedByALaterErrorIsMaskedInMessageRequestIdAndLog() {
    api.enqueue(
        response(
            201,
            "application/json",
            MockApi.CREATED.replace("}", ",\"envdAccessToken\":\"" + SANDBOX_TOKEN + "\"}")));
    MockResponse echoesToken =
        new MockResponse.Builder()
            .code(503)
            .setHeader("X-Request-Id", "req-" + SANDBOX_TOKEN)
            .setHeader("Content-Type", "application/json")
            .body("{\"message\":\"token " + SANDBOX_TOKEN + " refused\"}")
            .build();
    api.enqueue(echoesToken);
    api.enqueue(echoesToken);
    try (SandboxClient client = client(b -> {})) {
      client.create();
      SandboxApiException echoed =
          assertThrows(SandboxApiException.class, () -> client.getInfo("sbx1"));
      collect(echoed);
      texts.add(echoed.requestId().orElseThrow());
      texts.add(echoed.serverMessage().orElseThrow());
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("retrying");
    assertNothingLeaked();
  }

  @Test
  void theHeadersOfAnUnreadableSuccessAreNotQuoted() {
    MockResponse html =
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/html")
            .setHeader("X-Echo", KEY)
            .setHeader("Set-Cookie", "k=" + KEY)
            .body("<html>" + KEY + "</html>")
            .build();
    for (int i = 0; i < 4; i++) {
      api.enqueue(html);
    }
    try (SandboxClient client = client(b -> b.maxRetries(0))) {
      expectFailure(client, c -> c.list().nextItems());
      expectFailure(client, c -> c.getInfo("sbx1"));
      expectFailure(client, SandboxClient::create);
      expectFailure(client, c -> c.connect("sbx1"));
    }
    assertNothingLeaked();
  }

  @Test
  void aKeyPercentEncodedOrSplitByALineBreakIsMasked() {
    String splitInJson = KEY.substring(0, 9) + "\\r\\n " + KEY.substring(9);
    api.enqueue(
        response(
            400,
            "application/json",
            "{\"message\":\"bad key " + PERCENT_ENCODED_KEY + " or " + splitInJson + "\"}"));
    api.enqueue(
        response(
            400,
            "text/plain",
            "bad key "
                + KEY.substring(0, 5)
                + "\n"
                + KEY.substring(5)
                + " / "
                + PERCENT_ENCODED_KEY));
    try (SandboxClient client = client(b -> {})) {
      expectFailure(client, c -> c.getInfo("sbx1"));
      expectFailure(client, c -> c.getInfo("sbx1"));
    }
    assertNothingLeaked();
  }

  @Test
  void aMalformedStatusLineCarryingTheKeyStaysOutOfTheCauseChain() throws Exception {
    try (RawSocketServer hostile = new RawSocketServer()) {
      hostile.enqueue("HTTP/1.1 20 " + KEY + "\r\nContent-Length: 0\r\n\r\n");
      try (SandboxClient client = client(b -> b.apiUrl(hostile.url()).maxRetries(0))) {
        expectFailure(client, c -> c.getInfo("sbx1"));
      }
      hostile.enqueue("HTTP/1.1 20 " + KEY + "\r\nContent-Length: 0\r\n\r\n");
      try (SandboxClient client = client(b -> b.apiUrl(hostile.url()).maxRetries(0))) {
        collect(
            assertThrows(
                dev.sandbox4j.generated.ApiException.class,
                () -> client.raw().sandboxes().getSandbox("sbx1")));
      }
    }
    assertNothingLeaked();
  }

  @Test
  void rawDebuggingMasksSecretsEchoedInResponseHeaders() throws Exception {
    List<String> rawLog = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            rawLog.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger okhttp = Logger.getLogger("okhttp3.OkHttpClient");
    okhttp.addHandler(capture);
    api.enqueue(
        response(
            201,
            "application/json",
            MockApi.CREATED.replace("}", ",\"envdAccessToken\":\"" + SANDBOX_TOKEN + "\"}")));
    api.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .setHeader("Set-Cookie", "session=" + KEY)
            .setHeader("WWW-Authenticate", "Bearer " + SANDBOX_TOKEN)
            .setHeader("X-Debug", "key=" + PERCENT_ENCODED_KEY + " token=" + SANDBOX_TOKEN)
            .body("[]")
            .build());
    try (SandboxClient client = client(b -> {})) {
      client.create();
      var raw = client.raw();
      raw.apiClient().setDebugging(true);
      raw.sandboxes().listSandboxes(null, null, null, null);
    } finally {
      okhttp.removeHandler(capture);
    }
    assertThat(rawLog).as("raw debugging logged headers").anyMatch(l -> l.startsWith("X-Debug"));
    texts.addAll(rawLog);
    assertNothingLeaked();
  }

  @Test
  void pagingTokensAreNeverPrinted() {
    api.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .setHeader("X-Next-Token", PAGE_TOKEN)
            .body("[]")
            .build());
    api.enqueue(200, "[]");
    try (SandboxClient client = client(b -> {})) {
      SandboxPaginator pages = client.list();
      pages.nextItems();
      texts.add(pages.toString());
      pages.nextItems();
      texts.add(pages.toString());
    }
    texts.add(SandboxListQuery.builder().nextToken(PAGE_TOKEN).build().toString());
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("nextToken");
    assertNothingLeaked();
  }
}
