package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The /_local/ routes, used by tests in other languages (the official JS SDK conformance run). */
@ExtendWith(LocalSandboxServerExtension.class)
class TestHooksOverHttpTest extends LocalServerTest {

  private TestHttp hooks;
  private TestHttp api;

  @BeforeEach
  void connect() {
    this.hooks = http;
    this.api = http;
  }

  @Test
  void healthReportsTheSandboxCount() {
    server.admin().seed(SeedSpec.of(3));

    JsonObject health = hooks.get("/_local/health").object();

    assertThat(health.get("status").getAsString()).isEqualTo("ok");
    assertThat(health.get("sandboxes").getAsInt()).isEqualTo(3);
  }

  @Test
  void seedAddsSandboxesAsDescribed() {
    TestHttp.Reply reply =
        hooks.post(
            "/_local/seed",
            "{\"count\":3,\"templateID\":\"tpl\",\"metadata\":{\"env\":\"dev\"},\"state\":\"paused\","
                + "\"newestStartedAt\":\"2026-01-02T03:04:05Z\",\"spacingMillis\":60000,\"timeout\":600,\"autoPause\":true}");

    assertThat(reply.status()).isEqualTo(201);
    JsonObject body = reply.object();
    assertThat(body.get("count").getAsInt()).isEqualTo(3);
    JsonArray ids = body.getAsJsonArray("sandboxIDs");
    assertThat(ids).hasSize(3);
    List<String> listed = api.get("/v2/sandboxes?state=paused").sandboxIds();
    assertThat(listed)
        .containsExactly(
            ids.get(0).getAsString(), ids.get(1).getAsString(), ids.get(2).getAsString());
    JsonObject last = api.get("/sandboxes/" + ids.get(2).getAsString()).object();
    assertThat(last.get("templateID").getAsString()).isEqualTo("tpl");
    assertThat(last.get("state").getAsString()).isEqualTo("paused");
    assertThat(last.getAsJsonObject("metadata").get("env").getAsString()).isEqualTo("dev");
    assertThat(last.getAsJsonObject("lifecycle").get("onTimeout").getAsString()).isEqualTo("pause");
    assertThat(Instant.parse(last.get("startedAt").getAsString()))
        .isEqualTo(Instant.parse("2026-01-02T03:02:05Z"));
  }

  @Test
  void resetForgetsEverything() {
    server.admin().seed(SeedSpec.of(2));
    server.admin().injectFault(Fault.on("*", ".*").respond(500).build());
    server.admin().advanceClock(Duration.ofHours(1));
    Instant advanced = server.admin().now();

    assertThat(hooks.post("/_local/reset", null).status()).isEqualTo(204);

    assertThat(server.admin().sandboxCount()).isZero();
    assertThat(server.admin().pendingFaultUses()).isZero();
    assertThat(server.admin().now()).isBefore(advanced.minus(Duration.ofMinutes(59)));
    assertThat(api.get("/v2/sandboxes").status()).isEqualTo(200);
  }

  @Test
  void theClockCanBeReadAndAdvancedInSecondsOrMillis() {
    Instant before = Instant.parse(hooks.get("/_local/clock").object().get("now").getAsString());

    Instant afterSeconds =
        Instant.parse(
            hooks
                .post("/_local/clock/advance", "{\"seconds\":3600}")
                .object()
                .get("now")
                .getAsString());
    Instant afterMillis =
        Instant.parse(
            hooks
                .post("/_local/clock/advance", "{\"millis\":1500}")
                .object()
                .get("now")
                .getAsString());

    assertThat(afterSeconds).isAfterOrEqualTo(before.plusSeconds(3600));
    assertThat(afterMillis).isAfterOrEqualTo(afterSeconds.plusMillis(1500));
    assertThat(server.admin().now()).isAfterOrEqualTo(afterMillis);
  }

  @Test
  void advancingTheClockEndsLifetimes() {
    String id = api.create("{\"templateID\":\"base\",\"timeout\":30}");

    hooks.post("/_local/clock/advance", "{\"seconds\":31}");

    api.get("/sandboxes/" + id).assertError(404);
  }

  @Test
  void faultsCanBeArmedReadAndCleared() {
    TestHttp.Reply armed =
        hooks.post(
            "/_local/faults",
            "{\"method\":\"GET\",\"path\":\"/v2/sandboxes\",\"times\":2,\"status\":503,\"retryAfter\":\"7\"}");
    assertThat(armed.status()).isEqualTo(201);
    assertThat(armed.object().get("pendingFaultUses").getAsInt()).isEqualTo(2);

    TestHttp.Reply faulted = api.get("/v2/sandboxes");
    faulted.assertError(503);
    assertThat(faulted.header("Retry-After")).contains("7");
    assertThat(hooks.get("/_local/faults").object().get("pendingFaultUses").getAsInt())
        .isEqualTo(1);

    assertThat(hooks.delete("/_local/faults").status()).isEqualTo(204);
    assertThat(api.get("/v2/sandboxes").status()).isEqualTo(200);
  }

  @Test
  void dropAndDelayFaultsCanBeArmedOverHttp() {
    hooks.post(
        "/_local/faults",
        "{\"method\":\"POST\",\"path\":\"/sandboxes\",\"action\":\"dropAfterActing\"}");
    hooks.post(
        "/_local/faults",
        "{\"method\":\"GET\",\"path\":\"/v2/sandboxes\",\"action\":\"dropBeforeActing\"}");
    hooks.post("/_local/faults", "{\"path\":\"/sandboxes/.*\",\"delayMillis\":250}");

    assertThat(
            RawHttp.exchange(
                server.port(),
                "POST /sandboxes HTTP/1.1",
                "X-API-Key: " + server.apiKey() + "\r\n",
                "{\"templateID\":\"base\"}"))
        .isEmpty();
    assertThat(server.admin().sandboxCount()).isEqualTo(1);
    assertThat(
            RawHttp.exchange(
                server.port(),
                "GET /v2/sandboxes HTTP/1.1",
                "X-API-Key: " + server.apiKey() + "\r\n",
                ""))
        .isEmpty();
    long start = System.nanoTime();
    api.get("/sandboxes/abc").assertError(404);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }

  @Test
  void theRequestLogCanBeReadAndCleared() {
    api.post("/sandboxes", "{\"templateID\":\"base\",\"timeout\":60}");
    api.get("/v2/sandboxes?state=running");

    JsonArray log = hooks.get("/_local/requests").array();

    assertThat(log).hasSize(2);
    JsonObject create = log.get(0).getAsJsonObject();
    assertThat(create.get("method").getAsString()).isEqualTo("POST");
    assertThat(create.get("path").getAsString()).isEqualTo("/sandboxes");
    assertThat(create.get("status").getAsInt()).isEqualTo(201);
    assertThat(create.get("dropped").getAsBoolean()).isFalse();
    assertThat(create.get("body").getAsString()).contains("templateID");
    assertThat(create.getAsJsonObject("headers").getAsJsonArray("x-api-key").get(0).getAsString())
        .isEqualTo(RecordedRequest.REDACTED);
    assertThat(log.get(1).getAsJsonObject().get("query").getAsString()).isEqualTo("state=running");
    assertThat(Instant.parse(create.get("receivedAt").getAsString()))
        .isBeforeOrEqualTo(server.admin().now());

    assertThat(hooks.delete("/_local/requests").status()).isEqualTo(204);
    assertThat(hooks.get("/_local/requests").array()).isEmpty();
  }

  @Test
  void unknownHooksAnswer404AndWrongMethods405() {
    hooks.get("/_local/nope").assertError(404);
    hooks.get("/_local").assertError(404);
    TestHttp.Reply wrongMethod = hooks.get("/_local/reset").assertError(405);
    assertThat(wrongMethod.header("Allow")).contains("POST");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/_local/seed|{}",
        "/_local/seed|{\"count\":-1}",
        "/_local/seed|{\"count\":\"3\"}",
        "/_local/seed|{\"count\":2000000}",
        "/_local/seed|{\"count\":1,\"state\":\"dead\"}",
        "/_local/seed|{\"count\":1,\"newestStartedAt\":\"yesterday\"}",
        "/_local/seed|{\"count\":1,\"templateID\":\" \"}",
        "/_local/seed|{\"count\":1,\"spacingMillis\":-5}",
        "/_local/seed|{\"count\":1,\"timeout\":0}",
        "/_local/seed|not json",
        "/_local/clock/advance|{}",
        "/_local/clock/advance|{\"seconds\":1,\"millis\":1}",
        "/_local/clock/advance|{\"seconds\":-1}",
        "/_local/clock/advance|{\"seconds\":1.5}",
        "/_local/faults|{}",
        "/_local/faults|{\"path\":\"(\",\"status\":500}",
        "/_local/faults|{\"status\":700}",
        "/_local/faults|{\"action\":\"explode\"}",
        "/_local/faults|{\"action\":\"respond\"}",
        "/_local/faults|{\"action\":\"dropBeforeActing\",\"retryAfter\":\"1\"}",
        "/_local/faults|{\"status\":500,\"times\":0}",
        "/_local/faults|{\"method\":\"\",\"status\":500}",
        "/_local/faults|{\"status\":503,\"retryAfter\":\"1\\r\\nX-Injected: yes\"}",
        "/_local/faults|{\"status\":503,\"retryAfter\":\"\\u0000\"}",
        "/_local/faults|{\"status\":503,\"retryAfter\":\"\u00e9t\u00e9\"}"
      })
  void badHookRequestsAnswer400(String pathAndBody) {
    String[] parts = pathAndBody.split("\\|", 2);

    hooks.post(parts[0], parts[1]).assertError(400);
    assertThat(server.admin().pendingFaultUses()).isZero();
  }
}
