package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(LocalSandboxServerExtension.class)
class LifecycleTest extends LocalServerTest {

  @Test
  void aSandboxIsKilledWhenItsLifetimeEnds() {
    String id = http.create("{\"templateID\":\"base\",\"timeout\":10}");

    server.admin().advanceClock(Duration.ofSeconds(9));
    assertThat(info(id).get("state").getAsString()).isEqualTo("running");

    server.admin().advanceClock(Duration.ofSeconds(2));
    http.get("/sandboxes/" + id).assertError(404);
    assertThat(http.get("/v2/sandboxes").array()).isEmpty();
    http.delete("/sandboxes/" + id).assertError(404);
  }

  @Test
  void withAutoPauseALifetimeEndPausesTheSandboxAndAPausedSandboxNeverExpires() {
    String id =
        http.create(
            "{\"templateID\":\"base\",\"timeout\":10,\"autoPause\":true,\"autoResume\":{\"enabled\":true}}");
    Instant end = endAt(id);

    server.admin().advanceClock(Duration.ofSeconds(11));
    JsonObject paused = info(id);
    assertThat(paused.get("state").getAsString()).isEqualTo("paused");
    assertThat(Instant.parse(paused.get("endAt").getAsString()))
        .as("paused when its lifetime ended")
        .isEqualTo(end);
    assertThat(paused.getAsJsonObject("lifecycle").get("onTimeout").getAsString())
        .isEqualTo("pause");
    assertThat(paused.getAsJsonObject("lifecycle").get("autoResume").getAsBoolean()).isTrue();
    assertThat(http.get("/v2/sandboxes?state=paused").sandboxIds()).containsExactly(id);

    server.admin().advanceClock(Duration.ofDays(30));
    assertThat(info(id).get("state").getAsString()).isEqualTo("paused");
  }

  @Test
  void connectResumesAPausedSandboxWith201AndANewLifetime() {
    String id = http.create("{\"templateID\":\"base\",\"timeout\":300}");
    assertThat(http.post("/sandboxes/" + id + "/pause", null).status()).isEqualTo(204);
    server.admin().advanceClock(Duration.ofHours(2));

    Timed resume = timed(() -> http.post("/sandboxes/" + id + "/connect", "{\"timeout\":120}"));

    assertThat(resume.reply().status()).isEqualTo(201);
    assertThat(resume.reply().object().get("sandboxID").getAsString()).isEqualTo(id);
    assertThat(resume.reply().object().get("envdVersion").getAsString()).isEqualTo("0.5.7");
    assertThat(info(id).get("state").getAsString()).isEqualTo("running");
    assertThat(endAt(id))
        .isBetween(resume.before().plusSeconds(120), resume.after().plusSeconds(120));
  }

  @Test
  void resumeRestartsTheRunWithANewStartedAtSoTheSandboxListsNewest() {
    String resumed = http.create("{\"templateID\":\"base\",\"timeout\":300}");
    http.post("/sandboxes/" + resumed + "/pause", null);
    server.admin().advanceClock(Duration.ofMinutes(1));
    String newer = http.create();
    Instant firstStart = Instant.parse(info(resumed).get("startedAt").getAsString());
    server.admin().advanceClock(Duration.ofMinutes(1));

    Timed resume =
        timed(() -> http.post("/sandboxes/" + resumed + "/connect", "{\"timeout\":120}"));

    Instant restarted = Instant.parse(info(resumed).get("startedAt").getAsString());
    assertThat(restarted).isAfter(firstStart).isBetween(resume.before(), resume.after());
    assertThat(http.get("/v2/sandboxes").sandboxIds()).containsExactly(resumed, newer);
  }

  @Test
  void aZeroTimeoutEndsTheSandboxOnSetTimeoutAndChangesNothingOnConnect() {
    String running = http.create();
    Instant end = endAt(running);

    assertThat(http.post("/sandboxes/" + running + "/connect", "{\"timeout\":0}").status())
        .isEqualTo(200);
    assertThat(endAt(running)).isEqualTo(end);

    assertThat(http.post("/sandboxes/" + running + "/timeout", "{\"timeout\":0}").status())
        .isEqualTo(204);
    http.get("/sandboxes/" + running).assertError(404);
    http.post("/sandboxes", "{\"templateID\":\"base\",\"timeout\":0}").assertError(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{bad", "[]", "\"x\"", "{\"memory\":\"yes\"}", "{}{}"})
  void aMalformedPauseBodyIsA400AndPausesNothing(String body) {
    String id = http.create();

    http.post("/sandboxes/" + id + "/pause", body).assertError(400);

    assertThat(info(id).get("state").getAsString()).isEqualTo("running");
    assertThat(http.post("/sandboxes/" + id + "/pause", "{\"memory\":true}").status())
        .as("E2B's body")
        .isEqualTo(204);
  }

  @Test
  void lifetimesOverThePlanMaximumAreRefusedOnCreateAndCappedOnSetTimeoutAndConnect() {
    http.post("/sandboxes", "{\"templateID\":\"base\",\"timeout\":86401}").assertError(400);
    String id = http.create("{\"templateID\":\"base\",\"timeout\":86400}");

    Timed capped = timed(() -> http.post("/sandboxes/" + id + "/timeout", "{\"timeout\":1000000}"));
    assertThat(capped.reply().status()).isEqualTo(204);
    assertThat(endAt(id))
        .isBetween(
            capped.before().plus(Duration.ofHours(24)), capped.after().plus(Duration.ofHours(24)));

    server.admin().advanceClock(Duration.ofHours(1));
    Timed connect =
        timed(() -> http.post("/sandboxes/" + id + "/connect", "{\"timeout\":1000000}"));
    assertThat(connect.reply().status()).isEqualTo(200);
    assertThat(endAt(id))
        .isBetween(
            connect.before().plus(Duration.ofHours(24)),
            connect.after().plus(Duration.ofHours(24)));
  }

  @Test
  void thePlanMaximumIsConfigurable() {
    try (LocalSandboxServer hobby =
        LocalSandboxServer.builder().maxLifetime(Duration.ofHours(1)).build().start()) {
      TestHttp hobbyHttp = TestHttp.to(hobby);
      hobbyHttp.post("/sandboxes", "{\"templateID\":\"base\",\"timeout\":3601}").assertError(400);
      assertThat(
              hobbyHttp.post("/sandboxes", "{\"templateID\":\"base\",\"timeout\":3600}").status())
          .isEqualTo(201);
    }
  }

  @Test
  void connectToARunningSandboxAnswers200AndOnlyExtends() {
    String id = http.create("{\"templateID\":\"base\",\"timeout\":60}");

    Timed extend = timed(() -> http.post("/sandboxes/" + id + "/connect", "{\"timeout\":600}"));
    assertThat(extend.reply().status()).isEqualTo(200);
    Instant extended = endAt(id);
    assertThat(extended)
        .isBetween(extend.before().plusSeconds(600), extend.after().plusSeconds(600));

    TestHttp.Reply shorter = http.post("/sandboxes/" + id + "/connect", "{\"timeout\":10}");
    assertThat(shorter.status()).isEqualTo(200);
    assertThat(endAt(id)).as("connect never shortens a lifetime").isEqualTo(extended);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "connect|{}",
        "connect|{\"timeout\":-1}",
        "connect|{\"timeout\":\"60\"}",
        "connect|{\"timeout\":2.5}",
        "connect|''",
        "timeout|{}",
        "timeout|{\"timeout\":-1}",
        "timeout|{\"timeout\":\"60\"}",
        "timeout|{\"timeout\":2.5}",
        "timeout|''"
      })
  void lifetimeBodiesNeedAWholeNonNegativeTimeout(String operation, String body) {
    String id = http.create();
    Instant end = endAt(id);

    http.post("/sandboxes/" + id + "/" + operation, body).assertError(400);

    assertThat(endAt(id)).isEqualTo(end);
  }

  @ParameterizedTest
  @ValueSource(strings = {"connect", "timeout"})
  void lifetimeCallsOnMissingOrKilledSandboxesAnswer404(String operation) {
    String id = http.create();
    http.delete("/sandboxes/" + id);

    http.post("/sandboxes/nosuchsandbox/" + operation, "{\"timeout\":60}").assertError(404);
    http.post("/sandboxes/" + id + "/" + operation, "{\"timeout\":60}").assertError(404);
  }

  @Test
  void setTimeoutReplacesTheEndTimeSoItCanShortenALifetime() {
    String id = http.create("{\"templateID\":\"base\",\"timeout\":3600}");

    Timed reply = timed(() -> http.post("/sandboxes/" + id + "/timeout", "{\"timeout\":10}"));

    assertThat(reply.reply().status()).isEqualTo(204);
    assertThat(reply.reply().body()).isEmpty();
    assertThat(endAt(id)).isBetween(reply.before().plusSeconds(10), reply.after().plusSeconds(10));
    server.admin().advanceClock(Duration.ofSeconds(11));
    http.get("/sandboxes/" + id).assertError(404);
  }

  @Test
  void setTimeoutOnAPausedSandboxAnswers404() {
    String id = http.create();
    http.post("/sandboxes/" + id + "/pause", null);

    http.post("/sandboxes/" + id + "/timeout", "{\"timeout\":60}").assertError(404);
  }

  @Test
  void pauseAnswers204Then409AndUnknownSandboxes404() {
    String id = http.create();
    Instant before = server.admin().now();

    TestHttp.Reply first = http.post("/sandboxes/" + id + "/pause", null);
    assertThat(first.status()).isEqualTo(204);
    assertThat(first.body()).isEmpty();
    JsonObject paused = info(id);
    assertThat(paused.get("state").getAsString()).isEqualTo("paused");
    assertThat(Instant.parse(paused.get("endAt").getAsString()))
        .isBetween(before, server.admin().now());

    http.post("/sandboxes/" + id + "/pause", null).assertError(409);
    http.post("/sandboxes/" + id + "/pause", "{}").assertError(409);
    http.post("/sandboxes/nosuchsandbox/pause", null).assertError(404);
  }

  @Test
  void killRemovesRunningAndPausedSandboxesThen404() {
    String running = http.create();
    String paused = http.create();
    http.post("/sandboxes/" + paused + "/pause", null);

    assertThat(http.delete("/sandboxes/" + running).status()).isEqualTo(204);
    assertThat(http.delete("/sandboxes/" + paused).status()).isEqualTo(204);

    http.delete("/sandboxes/" + running).assertError(404);
    http.delete("/sandboxes/" + paused).assertError(404);
    http.get("/sandboxes/" + running).assertError(404);
    assertThat(http.get("/v2/sandboxes").array()).isEmpty();
  }

  @Test
  void getInfoReturnsTheDetailIncludingLifecycleAndInternetAccess() {
    String plain = http.create("{\"templateID\":\"code-interpreter-v1\",\"timeout\":60}");
    String explicit =
        http.create(
            "{\"templateID\":\"base\",\"timeout\":60,\"allow_internet_access\":false,\"secure\":true}");

    JsonObject plainInfo = info(plain);
    assertThat(plainInfo.get("sandboxID").getAsString()).isEqualTo(plain);
    assertThat(plainInfo.get("templateID").getAsString()).matches("[a-z0-9]{20}");
    assertThat(plainInfo.get("alias").getAsString()).isEqualTo("code-interpreter-v1");
    assertThat(plainInfo.get("cpuCount").getAsInt()).isPositive();
    assertThat(plainInfo.get("memoryMB").getAsInt()).isGreaterThanOrEqualTo(128);
    assertThat(plainInfo.get("diskSizeMB").getAsInt()).isNotNegative();
    assertThat(plainInfo.get("envdVersion").getAsString()).isEqualTo("0.5.7");
    assertThat(plainInfo.has("allowInternetAccess")).as("null when never set").isFalse();
    assertThat(plainInfo.getAsJsonObject("lifecycle").get("onTimeout").getAsString())
        .isEqualTo("kill");
    assertThat(plainInfo.getAsJsonObject("lifecycle").get("autoResume").getAsBoolean()).isFalse();
    assertThat(plainInfo.has("envdAccessToken")).isFalse();

    JsonObject explicitInfo = info(explicit);
    assertThat(explicitInfo.get("allowInternetAccess").getAsBoolean()).isFalse();
    assertThat(explicitInfo.get("envdAccessToken").getAsString()).isNotBlank();
  }

  @Test
  void malformedSandboxIdsAnswer400AndLegacyClientIdSuffixesAreIgnored() {
    String id = http.create();

    http.get("/sandboxes/NOT-lower").assertError(400);
    http.get("/sandboxes/a_b").assertError(400);
    http.get("/sandboxes/a%2Fb").assertError(400);
    http.delete("/sandboxes/%C3%BC").assertError(400);
    assertThat(http.get("/sandboxes/" + id + "-local").status()).isEqualTo(200);
    http.get("/sandboxes/" + id + "-a-b").assertError(400);
    http.get("/sandboxes/" + id + "--").assertError(400);
  }

  @Test
  void aResumedAutoPauseSandboxPausesAgainWhenItsNewLifetimeEnds() {
    String id = http.create("{\"templateID\":\"base\",\"timeout\":10,\"autoPause\":true}");
    server.admin().advanceClock(Duration.ofSeconds(11));
    assertThat(http.post("/sandboxes/" + id + "/connect", "{\"timeout\":30}").status())
        .isEqualTo(201);

    server.admin().advanceClock(Duration.ofSeconds(31));

    assertThat(info(id).get("state").getAsString()).isEqualTo("paused");
  }

  private JsonObject info(String id) {
    TestHttp.Reply reply = http.get("/sandboxes/" + id);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.object();
  }

  private Instant endAt(String id) {
    return Instant.parse(info(id).get("endAt").getAsString());
  }

  /** A reply and the server's clock just before and just after the request. */
  private record Timed(TestHttp.Reply reply, Instant before, Instant after) {}

  private Timed timed(Supplier<TestHttp.Reply> request) {
    Instant before = server.admin().now();
    TestHttp.Reply reply = request.get();
    return new Timed(reply, before, server.admin().now());
  }
}
