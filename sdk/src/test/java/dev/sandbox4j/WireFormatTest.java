package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.errors.SandboxNotFoundException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exact wire assertions: what each SDK call puts on the wire and how it reads the answer. */
class WireFormatTest {
  private final MockApi api;

  WireFormatTest() throws Exception {
    api = new MockApi();
  }

  @AfterEach
  void close() {
    api.close();
  }

  private static void assertJson(RecordedRequest request, String expected) {
    assertThat(JsonParser.parseString(request.getBody().utf8()))
        .isEqualTo(JsonParser.parseString(expected));
  }

  @Test
  void sendsApiKeyAndIdentityHeaders() throws Exception {
    api.enqueue(200, "[]");
    try (SandboxClient client = api.client()) {
      client.list().nextItems();
    }
    RecordedRequest request = api.take();
    assertThat(request.getHeaders().get("X-API-Key")).isEqualTo(MockApi.KEY);
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(request.getHeaders().get("User-Agent"))
        .matches(
            "sandbox4j/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(java/"
                + System.getProperty("java.version").replace(".", "\\.")
                + "\\)");
    assertThat(request.getHeaders().get("X-Novita-SDK-Name")).isEqualTo("sdk_java");
    assertThat(request.getHeaders().get("X-Novita-SDK-Version")).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void sendsBearerTokenWhenAnAccessTokenIsSet() throws Exception {
    api.enqueue(200, "[]");
    try (SandboxClient client =
        api.client(b -> b.apiKey(null).accessToken("tok_access_123").maxRetries(0))) {
      client.list().nextItems();
    }
    RecordedRequest request = api.take();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer tok_access_123");
    assertThat(request.getHeaders().get("X-API-Key")).isNull();
  }

  @Test
  void extraHeadersAreSentButCannotReplaceCredentialsOrIdentity() throws Exception {
    api.enqueue(200, "[]");
    try (SandboxClient client =
        api.client(
            b ->
                b.header("X-Team", "blue")
                    .header("X-API-Key", "other")
                    .header("User-Agent", "fake")
                    .maxRetries(0))) {
      client.list().nextItems();
    }
    RecordedRequest request = api.take();
    assertThat(request.getHeaders().get("X-Team")).isEqualTo("blue");
    assertThat(request.getHeaders().get("X-API-Key")).isEqualTo(MockApi.KEY);
    assertThat(request.getHeaders().get("User-Agent")).startsWith("sandbox4j/");
  }

  @Test
  void missingCredentialsFailBeforeAnyRequest() {
    assertThatThrownBy(() -> api.client(b -> b.apiKey(null)))
        .isInstanceOf(SandboxConfigurationException.class)
        .hasMessageContaining("NOVITA_API_KEY");
    assertThat(api.server.getRequestCount()).isZero();
  }

  @Test
  void metadataFilterMatchesTheOfficialSdksWorkedExamples() throws Exception {
    Map<String, String> first = new LinkedHashMap<>();
    first.put("user id", "a&b=c");
    first.put("k", "v/ü");
    api.enqueue(200, "[]");
    api.enqueue(200, "[]");
    try (SandboxClient client = api.client()) {
      client.list(SandboxListQuery.builder().metadata(first).build()).nextItems();
      client.list(SandboxListQuery.builder().putMetadata("a+b", "x y(1)*~!").build()).nextItems();
    }
    assertThat(api.take().getTarget())
        .isEqualTo(
            "/v2/sandboxes?metadata=user%252520id%3Da%252526b%25253Dc%26k%3Dv%25252F%2525C3%2525BC");
    assertThat(api.take().getTarget())
        .isEqualTo("/v2/sandboxes?metadata=a%25252Bb%3Dx%252520y%25281%2529*%257E%2521");
  }

  @Test
  void metadataFilterRoundTripsThroughAServerStyleDecoder() throws Exception {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("a&b", "c=d");
    metadata.put("100%", "+plus+");
    metadata.put("path/to", "with space");
    metadata.put("ü", "日本 (x) ~!*'");
    metadata.put("%25", "%2B");
    api.enqueue(200, "[]");
    try (SandboxClient client = api.client()) {
      client.list(SandboxListQuery.builder().metadata(metadata).build()).nextItems();
    }
    String rawQuery = api.take().getUrl().encodedQuery();
    assertThat(ServerStyleMetadataDecoder.decodeFromRawQuery(rawQuery))
        .containsExactlyEntriesOf(metadata);
  }

  @Test
  void stateIsCommaJoinedAndLimitAndTokenAreSentOnlyWhenSet() throws Exception {
    api.enqueue(200, "[]");
    api.enqueue(200, "[]");
    api.enqueue(200, "[]");
    try (SandboxClient client = api.client()) {
      client
          .list(
              SandboxListQuery.builder()
                  .states(SandboxState.RUNNING, SandboxState.PAUSED)
                  .limit(7)
                  .nextToken("tok 1")
                  .build())
          .nextItems();
      client.list(SandboxListQuery.builder().states().build()).nextItems();
      client.list(SandboxListQuery.builder().states(SandboxState.PAUSED).build()).nextItems();
    }
    assertThat(api.take().getTarget())
        .isEqualTo("/v2/sandboxes?limit=7&nextToken=tok%201&state=running,paused");
    assertThat(api.take().getTarget()).isEqualTo("/v2/sandboxes");
    assertThat(api.take().getTarget()).isEqualTo("/v2/sandboxes?state=paused");
  }

  @Test
  void createSendsEveryDefaultOnPurposeAndNothingElse() throws Exception {
    api.enqueue(201, MockApi.CREATED);
    try (SandboxClient client = api.client()) {
      Sandbox sandbox = client.create();
      assertThat(sandbox.sandboxId()).isEqualTo("sbx1");
      assertThat(sandbox.resumed()).isFalse();
    }
    RecordedRequest request = api.take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/sandboxes");
    assertJson(
        request,
        "{\"templateID\":\"base\",\"timeout\":300,\"secure\":true,"
            + "\"allow_internet_access\":true,\"autoPause\":false}");
  }

  @Test
  void createSendsMetadataEnvsLifecycleAndRoundsTheTimeoutUp() throws Exception {
    api.enqueue(201, MockApi.CREATED);
    try (SandboxClient client = api.client()) {
      client.create(
          CreateSandboxParams.builder()
              .template("mytpl")
              .timeout(Duration.ofMillis(1500))
              .putMetadata("m", "1")
              .putEnv("E", "x")
              .autoPause(true)
              .autoResume(true)
              .secure(false)
              .allowInternetAccess(false)
              .build());
    }
    assertJson(
        api.take(),
        "{\"templateID\":\"mytpl\",\"timeout\":2,\"metadata\":{\"m\":\"1\"},"
            + "\"envVars\":{\"E\":\"x\"},\"secure\":false,\"allow_internet_access\":false,"
            + "\"autoPause\":true,\"autoResume\":{\"enabled\":true}}");
  }

  @Test
  void createdSandboxUsesTheResponseDomainElseTheConfiguredOne() throws Exception {
    api.enqueue(
        201,
        "{\"sandboxID\":\"sbx2\",\"templateID\":\"base\",\"envdVersion\":\"0.2.0\","
            + "\"domain\":\"eu.example.dev\",\"envdAccessToken\":\"envd-secret\"}");
    api.enqueue(201, MockApi.CREATED);
    try (SandboxClient client = api.client(b -> b.domain("my.domain").maxRetries(0))) {
      Sandbox withDomain = client.create();
      assertThat(withDomain.domain()).isEqualTo("eu.example.dev");
      assertThat(withDomain.getHost(8080)).isEqualTo("8080-sbx2.eu.example.dev");
      assertThat(withDomain.envdAccessToken()).contains("envd-secret");
      Sandbox withoutDomain = client.create();
      assertThat(withoutDomain.domain()).isEqualTo("my.domain");
      assertThat(withoutDomain.getHost(49983)).isEqualTo("49983-sbx1.my.domain");
    }
  }

  @Test
  void connectAlwaysSendsATimeoutAndReportsWhetherItResumed() throws Exception {
    api.enqueue(200, MockApi.CREATED);
    api.enqueue(201, MockApi.CREATED);
    try (SandboxClient client = api.client()) {
      assertThat(client.connect("sbx1").resumed()).isFalse();
      assertThat(
              client
                  .connect(
                      "sbx1", ConnectSandboxParams.builder().timeout(Duration.ofMinutes(1)).build())
                  .resumed())
          .isTrue();
    }
    RecordedRequest first = api.take();
    assertThat(first.getTarget()).isEqualTo("/sandboxes/sbx1/connect");
    assertJson(first, "{\"timeout\":300}");
    assertJson(api.take(), "{\"timeout\":60}");
  }

  @Test
  void killIsTrueOn204AndFalseOnEvery404() throws Exception {
    api.enqueue(204, null);
    api.enqueue(404, "{\"code\":404,\"message\":\"not found\"}");
    api.enqueue(new MockResponse.Builder().code(404).build());
    api.enqueue(
        new MockResponse.Builder()
            .code(404)
            .setHeader("Content-Type", "text/html")
            .body("<html><body>404 page</body></html>")
            .build());
    try (SandboxClient client = api.client()) {
      assertThat(client.kill("sbx1")).isTrue();
      assertThat(client.kill("gone1")).isFalse();
      assertThat(client.kill("gone2")).isFalse();
      assertThat(client.kill("gone3")).isFalse();
    }
    RecordedRequest request = api.take();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo("/sandboxes/sbx1");
  }

  @Test
  void notFoundOnOneSandboxNamesIt() throws Exception {
    for (int i = 0; i < 4; i++) {
      api.enqueue(404, "{\"code\":404,\"message\":\"sandbox not found\"}");
    }
    try (SandboxClient client = api.client()) {
      assertNotFound(() -> client.getInfo("miss1"), "miss1");
      assertNotFound(() -> client.connect("miss2"), "miss2");
      assertNotFound(() -> client.setTimeout("miss3", Duration.ofSeconds(5)), "miss3");
      assertNotFound(() -> client.pause("miss4"), "miss4");
    }
  }

  private static void assertNotFound(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String id) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SandboxNotFoundException.class,
            e -> {
              assertThat(e.sandboxId()).isEqualTo(id);
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.serverMessage()).contains("sandbox not found");
            })
        .hasMessageContaining(id);
  }

  @Test
  void pauseIsTrueOn204AndFalseWhenAlreadyPaused() throws Exception {
    api.enqueue(204, null);
    api.enqueue(409, "{\"code\":409,\"message\":\"already paused\"}");
    try (SandboxClient client = api.client()) {
      assertThat(client.pause("sbx1")).isTrue();
      assertThat(client.pause("sbx1")).isFalse();
    }
    RecordedRequest request = api.take();
    assertThat(request.getTarget()).isEqualTo("/sandboxes/sbx1/pause");
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void setTimeoutSendsWholeSecondsRoundedUp() throws Exception {
    api.enqueue(204, null);
    try (SandboxClient client = api.client()) {
      client.setTimeout("sbx1", Duration.ofMillis(12_345));
    }
    RecordedRequest request = api.take();
    assertThat(request.getTarget()).isEqualTo("/sandboxes/sbx1/timeout");
    assertJson(request, "{\"timeout\":13}");
  }

  @Test
  void sandboxIdsAreEscapedInThePath() throws Exception {
    api.enqueue(200, MockApi.listed("x", "running"));
    api.enqueue(204, null);
    try (SandboxClient client = api.client()) {
      client.getInfo("a/b c");
      client.kill("ü?#");
    }
    assertThat(api.take().getTarget()).isEqualTo("/sandboxes/a%2Fb%20c");
    assertThat(api.take().getTarget()).isEqualTo("/sandboxes/%C3%BC%3F%23");
  }

  @Test
  void getInfoMapsEveryField() throws Exception {
    api.enqueue(
        200,
        "{\"sandboxID\":\"sbx1\",\"templateID\":\"tpl\",\"alias\":\"my-alias\",\"clientID\":\"c\","
            + "\"startedAt\":\"2026-01-02T03:04:05.123456789Z\",\"endAt\":\"2026-01-02T05:09:05+02:00\","
            + "\"state\":\"paused\",\"cpuCount\":4,\"memoryMB\":2048,\"diskSizeMB\":10240,"
            + "\"envdVersion\":\"0.2.1\",\"metadata\":{\"k\":\"v\"},\"envdAccessToken\":\"secret\","
            + "\"allowInternetAccess\":false,\"lifecycle\":{\"onTimeout\":\"pause\",\"autoResume\":true}}");
    SandboxInfo info;
    try (SandboxClient client = api.client()) {
      info = client.getInfo("sbx1");
    }
    assertThat(info.sandboxId()).isEqualTo("sbx1");
    assertThat(info.templateId()).isEqualTo("tpl");
    assertThat(info.name()).contains("my-alias");
    assertThat(info.toString()).contains("templateAlias=my-alias").doesNotContain("name=");
    assertThat(info.startedAt())
        .isEqualTo(java.time.Instant.parse("2026-01-02T03:04:05.123456789Z"));
    assertThat(info.endAt()).isEqualTo(java.time.Instant.parse("2026-01-02T03:09:05Z"));
    assertThat(info.state()).isEqualTo(SandboxState.PAUSED);
    assertThat(info.cpuCount()).isEqualTo(4);
    assertThat(info.memoryMb()).isEqualTo(2048);
    assertThat(info.diskSizeMb()).hasValue(10240);
    assertThat(info.envdVersion()).contains("0.2.1");
    assertThat(info.metadata()).containsExactly(Map.entry("k", "v"));
    assertThat(info.allowInternetAccess()).contains(false);
    assertThat(info.autoPause()).contains(true);
    assertThat(info.autoResume()).contains(true);
    assertThat(info.toString()).doesNotContain("secret");
  }
}
