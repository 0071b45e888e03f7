package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The routes E2B's SDK (2.50, 2.51) uses besides the Novita ones: v2 create and v2 connect, with
 * E2B's defaults; and the metrics route both SDKs call.
 */
@ExtendWith(LocalSandboxServerExtension.class)
class E2bRoutesTest extends LocalServerTest {

  @Test
  void v2CreateAnswers201AndDefaultsTo300Seconds() {
    Instant before = server.admin().now();
    TestHttp.Reply reply = http.post("/v2/sandboxes", "{\"templateID\":\"base\"}");

    assertThat(reply.status()).isEqualTo(201);
    JsonObject info =
        http.get("/sandboxes/" + reply.object().get("sandboxID").getAsString()).object();
    assertThat(Instant.parse(info.get("endAt").getAsString()))
        .isBetween(before.plusSeconds(300), server.admin().now().plusSeconds(300));
    http.post("/v2/sandboxes", "{\"templateID\":\"nope\"}").assertError(404);
    http.post("/v2/sandboxes", "{\"templateID\":\"base\",\"timeout\":0}").assertError(400);
  }

  @Test
  void v2ConnectResumesWith201WithAnOptionalTimeoutAndAnswers200WhenRunning() {
    String id = http.create();
    http.post("/sandboxes/" + id + "/pause", "{}");

    Instant before = server.admin().now();
    TestHttp.Reply resumed = http.post("/v2/sandboxes/" + id + "/connect", "{}");
    assertThat(resumed.status()).isEqualTo(201);
    assertThat(resumed.object().get("sandboxID").getAsString()).isEqualTo(id);
    JsonObject info = http.get("/sandboxes/" + id).object();
    assertThat(info.get("state").getAsString()).isEqualTo("running");
    assertThat(Instant.parse(info.get("endAt").getAsString()))
        .isBetween(before.plusSeconds(300), server.admin().now().plusSeconds(300));

    assertThat(http.post("/v2/sandboxes/" + id + "/connect", "{\"timeout\":60}").status())
        .isEqualTo(200);
    http.post("/v2/sandboxes/nosuchsandbox/connect", "{}").assertError(404);
    http.post("/v2/sandboxes/" + id + "/connect", "{\"timeout\":-1}").assertError(400);
  }

  @Test
  void metricsAnswerPlausibleFiguresForTheRunAndA404ForAMissingSandbox() {
    String id = http.create();
    server.admin().advanceClock(Duration.ofSeconds(60));

    JsonArray points = http.get("/sandboxes/" + id + "/metrics").array();
    assertThat(points.size()).isBetween(12, 13);
    JsonObject point = points.get(0).getAsJsonObject();
    assertThat(point.get("cpuCount").getAsInt()).isPositive();
    assertThat(point.get("memUsed").getAsLong())
        .isPositive()
        .isLessThan(point.get("memTotal").getAsLong());
    assertThat(point.get("timestampUnix").getAsLong())
        .isEqualTo(Instant.parse(point.get("timestamp").getAsString()).getEpochSecond());

    long now = server.admin().now().getEpochSecond();
    assertThat(
            http.get("/sandboxes/" + id + "/metrics?start=" + (now - 20) + "&end=" + now)
                .array()
                .size())
        .isBetween(4, 5);
    http.get("/sandboxes/" + id + "/metrics?start=yesterday").assertError(400);
    assertThat(http.get("/sandboxes/nosuchsandbox/metrics").assertError(404).message())
        .contains("nosuchsandbox");
  }
}
