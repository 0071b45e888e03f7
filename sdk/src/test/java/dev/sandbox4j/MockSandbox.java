package dev.sandbox4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A MockWebServer that plays both the control plane (for the create that yields the handle) and the
 * sandbox's daemon and code interpreter (through {@code sandboxUrl}).
 */
final class MockSandbox implements AutoCloseable {
  static final String TOKEN = "envd_token_secret_42";

  final MockWebServer server = new MockWebServer();
  final SandboxClient client;
  final Sandbox sandbox;

  MockSandbox() throws Exception {
    this("0.5.7", 0);
  }

  MockSandbox(String envdVersion, int maxRetries) throws Exception {
    server.start();
    client =
        SandboxClient.builder()
            .apiUrl(server.url("/").toString())
            .sandboxUrl(server.url("/").toString())
            .apiKey(MockApi.KEY)
            .environment(name -> null)
            .systemProperties(name -> null)
            .maxRetries(maxRetries)
            .sleeper(duration -> {})
            .jitter(() -> 0.0)
            .build();
    server.enqueue(
        json(
            200,
            "{\"sandboxID\":\"sbx1\",\"templateID\":\"base\",\"clientID\":\"c\",\"envdVersion\":\""
                + envdVersion
                + "\",\"envdAccessToken\":\""
                + TOKEN
                + "\"}"));
    sandbox = client.create();
    take(); // the create
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** One Connect envelope. */
  static Buffer envelope(int flags, String json) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    return new Buffer().writeByte(flags).writeInt(payload.length).write(payload);
  }

  /** A Connect stream answer of the given messages, the last one flagged as the end. */
  static Buffer stream(String... messages) {
    Buffer body = new Buffer();
    for (int i = 0; i < messages.length; i++) {
      Buffer one = envelope(i == messages.length - 1 ? 2 : 0, messages[i]);
      body.write(one, one.size());
    }
    return body;
  }

  static MockResponse streamResponse(Buffer body) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/connect+json")
        .body(body)
        .build();
  }

  static String stdout(String text) {
    return data("stdout", text.getBytes(StandardCharsets.UTF_8));
  }

  static String data(String stream, byte[] bytes) {
    return "{\"event\":{\"data\":{\""
        + stream
        + "\":\""
        + java.util.Base64.getEncoder().encodeToString(bytes)
        + "\"}}}";
  }

  static final String START = "{\"event\":{\"start\":{\"pid\":42}}}";
  static final String END_OK =
      "{\"event\":{\"end\":{\"exited\":true,\"status\":\"exit status 0\"}}}";

  void enqueue(MockResponse response) {
    server.enqueue(response);
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request arrived");
    }
    return request;
  }

  @Override
  public void close() throws IOException {
    client.close();
    server.close();
  }
}
