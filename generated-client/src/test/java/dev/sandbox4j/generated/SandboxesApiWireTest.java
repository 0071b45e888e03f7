package dev.sandbox4j.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import dev.sandbox4j.generated.api.SandboxesApi;
import dev.sandbox4j.generated.model.ConnectSandbox;
import dev.sandbox4j.generated.model.ListedSandbox;
import dev.sandbox4j.generated.model.NewSandbox;
import dev.sandbox4j.generated.model.Sandbox;
import dev.sandbox4j.generated.model.SandboxDetail;
import dev.sandbox4j.generated.model.SandboxState;
import dev.sandbox4j.generated.model.SandboxTimeoutUpdate;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins what the hand-written SDK relies on in the generated client: methods, paths, query strings
 * and bodies on the wire, and how responses and errors come back.
 */
class SandboxesApiWireTest {

  private static final String LISTED =
      "{\"sandboxID\":\"sbx1\",\"templateID\":\"base\",\"clientID\":\"c\","
          + "\"startedAt\":\"2026-01-02T03:04:05.123456789Z\",\"endAt\":\"2026-01-02T03:09:05+02:00\","
          + "\"state\":\"running\",\"cpuCount\":2,\"memoryMB\":512,\"diskSizeMB\":1024,"
          + "\"envdVersion\":\"0.2.0\",\"metadata\":{\"k\":\"v\"}}";
  private static final String CREATED =
      "{\"sandboxID\":\"sbx1\",\"templateID\":\"base\",\"clientID\":\"c\",\"envdVersion\":\"0.2.0\"}";

  private MockWebServer server;
  private SandboxesApi api;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    ApiClient client = new ApiClient(new OkHttpClient());
    client.setBasePath(server.url("/").toString().replaceAll("/$", ""));
    api = new SandboxesApi(client);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void enqueue(int code, String body) {
    MockResponse.Builder response = new MockResponse.Builder().code(code);
    if (body != null) {
      response.setHeader("Content-Type", "application/json").body(body);
    }
    server.enqueue(response.build());
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest();
  }

  @Test
  void listSendsStateAsOneCommaJoinedValueAndReadsNextTokenHeader() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .setHeader("x-next-token", "tok2")
            .body("[" + LISTED + "]")
            .build());

    ApiResponse<List<ListedSandbox>> page =
        api.listSandboxesWithHttpInfo(
            "k%3Dv", List.of(SandboxState.RUNNING, SandboxState.PAUSED), 2, "tok1");

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget())
        .isEqualTo("/v2/sandboxes?metadata=k%253Dv&limit=2&nextToken=tok1&state=running,paused");
    assertThat(page.getData()).hasSize(1);
    ListedSandbox item = page.getData().get(0);
    assertThat(item.getSandboxID()).isEqualTo("sbx1");
    assertThat(item.getStartedAt())
        .isEqualTo(OffsetDateTime.parse("2026-01-02T03:04:05.123456789Z"));
    assertThat(item.getEndAt().toInstant())
        .isEqualTo(OffsetDateTime.parse("2026-01-02T01:09:05Z").toInstant());
    assertThat(item.getMetadata()).containsExactly(Map.entry("k", "v"));
    // Header names are case-insensitive in the generated response's multimap? Pin what it gives.
    assertThat(page.getHeaders().get("x-next-token")).containsExactly("tok2");
  }

  @Test
  void listWithNoArgumentsSendsNoQuery() throws Exception {
    enqueue(200, "[]");
    assertThat(api.listSandboxes(null, null, null, null)).isEmpty();
    assertThat(take().getTarget()).isEqualTo("/v2/sandboxes");
  }

  @Test
  void unknownFieldsAndUnknownStateParse() throws Exception {
    String withExtras =
        LISTED
            .replace("\"running\"", "\"hibernating\"")
            .replace("{\"sandboxID\"", "{\"brandNewField\":{\"x\":[1,2]},\"sandboxID\"");
    enqueue(200, "[" + withExtras + "]");

    List<ListedSandbox> items = api.listSandboxes(null, null, null, null);

    assertThat(items.get(0).getState()).isEqualTo("hibernating");
    assertThat(items.get(0).getAdditionalProperties()).containsKey("brandNewField");
  }

  @Test
  void createPostsOnlyTheFieldsThatWereSet() throws Exception {
    enqueue(201, CREATED);

    Sandbox created = api.createSandbox(new NewSandbox().templateID("base"));

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/sandboxes");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(JsonParser.parseString(request.getBody().utf8()))
        .isEqualTo(JsonParser.parseString("{\"templateID\":\"base\"}"));
    assertThat(created.getSandboxID()).isEqualTo("sbx1");
  }

  @Test
  void createSendsEveryFieldByItsWireName() throws Exception {
    enqueue(201, CREATED);

    api.createSandbox(
        new NewSandbox()
            .templateID("t")
            .timeout(300)
            .metadata(Map.of("m", "1"))
            .envVars(Map.of("E", "x"))
            .autoPause(false)
            .secure(true)
            .allowInternetAccess(true));

    assertThat(JsonParser.parseString(take().getBody().utf8()))
        .isEqualTo(
            JsonParser.parseString(
                "{\"templateID\":\"t\",\"timeout\":300,\"metadata\":{\"m\":\"1\"},"
                    + "\"envVars\":{\"E\":\"x\"},\"autoPause\":false,\"secure\":true,"
                    + "\"allow_internet_access\":true}"));
  }

  @Test
  void getEscapesThePathParameter() throws Exception {
    enqueue(200, LISTED);

    SandboxDetail detail = api.getSandbox("a/b c");

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/sandboxes/a%2Fb%20c");
    assertThat(detail.getCpuCount()).isEqualTo(2);
  }

  @Test
  void killAnswers204WithNoBody() throws Exception {
    enqueue(204, null);

    ApiResponse<Void> response = api.killSandboxWithHttpInfo("sbx1");

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo("/sandboxes/sbx1");
    assertThat(response.getStatusCode()).isEqualTo(204);
    assertThat(response.getData()).isNull();
  }

  @Test
  void connectSendsTimeoutAndExposesTheStatus() throws Exception {
    enqueue(201, CREATED);

    ApiResponse<Sandbox> response =
        api.connectSandboxWithHttpInfo("sbx1", new ConnectSandbox().timeout(60));

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/sandboxes/sbx1/connect");
    assertThat(JsonParser.parseString(request.getBody().utf8()))
        .isEqualTo(JsonParser.parseString("{\"timeout\":60}"));
    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getData().getSandboxID()).isEqualTo("sbx1");
  }

  @Test
  void pausePostsAnEmptyBody() throws Exception {
    enqueue(204, null);

    api.pauseSandbox("sbx1");

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/sandboxes/sbx1/pause");
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void setTimeoutPostsTheSeconds() throws Exception {
    enqueue(204, null);

    api.setSandboxTimeout("sbx1", new SandboxTimeoutUpdate().timeout(13));

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/sandboxes/sbx1/timeout");
    assertThat(JsonParser.parseString(request.getBody().utf8()))
        .isEqualTo(JsonParser.parseString("{\"timeout\":13}"));
  }

  @Test
  void notFoundAndConflictSurfaceAsApiExceptionWithTheirStatus() {
    enqueue(404, "{\"code\":404,\"message\":\"sandbox not found\"}");
    assertThatThrownBy(() -> api.getSandbox("nope"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(404);
              assertThat(e.getResponseBody()).contains("sandbox not found");
            });

    enqueue(409, "{\"code\":409,\"message\":\"already paused\"}");
    assertThatThrownBy(() -> api.pauseSandbox("sbx1"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }
}
