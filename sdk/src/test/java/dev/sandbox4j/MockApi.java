package dev.sandbox4j;

import dev.sandbox4j.internal.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer plus clients pointed at it, with instant, recorded retry sleeps. */
final class MockApi implements AutoCloseable {
  static final String KEY = "sk_test_key_0123456789";

  static final String CREATED =
      "{\"sandboxID\":\"sbx1\",\"templateID\":\"base\",\"clientID\":\"c\",\"envdVersion\":\"0.2.0\"}";

  final MockWebServer server = new MockWebServer();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  MockApi() throws IOException {
    server.start();
  }

  /** A client with no retries, so each test sees exactly the responses it enqueued. */
  SandboxClient client() {
    return client(b -> b.maxRetries(0));
  }

  SandboxClient client(Consumer<SandboxClient.Builder> customize) {
    Sleeper recording = sleeps::add;
    SandboxClient.Builder builder =
        SandboxClient.builder()
            .apiUrl(server.url("/").toString())
            .apiKey(KEY)
            .environment(name -> null)
            .systemProperties(name -> null)
            .sleeper(recording)
            .jitter(() -> 0.0);
    customize.accept(builder);
    return builder.build();
  }

  void enqueue(int code, String json) {
    MockResponse.Builder response = new MockResponse.Builder().code(code);
    if (json != null) {
      response.setHeader("Content-Type", "application/json").body(json);
    }
    server.enqueue(response.build());
  }

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

  static String listed(String id, String state) {
    return "{\"sandboxID\":\""
        + id
        + "\",\"templateID\":\"base\",\"clientID\":\"c\",\"startedAt\":\"2026-01-02T03:04:05Z\","
        + "\"endAt\":\"2026-01-02T03:09:05Z\",\"state\":\""
        + state
        + "\",\"cpuCount\":2,\"memoryMB\":512,\"diskSizeMB\":1024,\"envdVersion\":\"0.2.0\"}";
  }

  @Override
  public void close() {
    server.close();
  }
}
