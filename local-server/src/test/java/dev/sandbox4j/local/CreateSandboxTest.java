package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreateSandboxTest extends LocalServerTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @RegisterExtension
  static final LocalSandboxServerExtension LOCAL =
      new LocalSandboxServerExtension(
          LocalSandboxServer.builder().clock(Clock.fixed(T0, ZoneOffset.UTC)).build());

  @Test
  void templatesResolveByAliasOrIdAndAnUnknownTemplateIs404() {
    JsonObject byAlias =
        http.post("/sandboxes", "{\"templateID\":\"code-interpreter-v1\"}").object();
    String templateId = byAlias.get("templateID").getAsString();
    assertThat(templateId).matches("[a-z0-9]{20}");
    assertThat(byAlias.get("alias").getAsString()).isEqualTo("code-interpreter-v1");

    JsonObject byId = http.post("/sandboxes", "{\"templateID\":\"" + templateId + "\"}").object();
    assertThat(byId.get("templateID").getAsString()).isEqualTo(templateId);
    assertThat(byId.get("alias").getAsString()).isEqualTo("code-interpreter-v1");

    assertThat(
            http.post("/sandboxes", "{\"templateID\":\"no-such-template\"}")
                .assertError(404)
                .message())
        .contains("no-such-template");
    assertThat(server.admin().sandboxCount()).isEqualTo(2);
  }

  @Test
  void theTemplateSetIsConfigurable() {
    try (LocalSandboxServer custom =
        LocalSandboxServer.builder().templates(List.of("my-template")).build().start()) {
      TestHttp customHttp = TestHttp.to(custom);
      assertThat(customHttp.post("/sandboxes", "{\"templateID\":\"my-template\"}").status())
          .isEqualTo(201);
      customHttp.post("/sandboxes", "{\"templateID\":\"base\"}").assertError(404);
    }
  }

  @Test
  void metadataAndEnvVarsAreBoundedPerSandboxAndInTotalWithA400() {
    http.post(
            "/sandboxes",
            "{\"templateID\":\"base\",\"metadata\":{\"k\":\"" + "x".repeat(1_000_000) + "\"}}")
        .assertError(400);
    http.post(
            "/sandboxes",
            "{\"templateID\":\"base\",\"envVars\":{\"K\":\"" + "x".repeat(70_000) + "\"}}")
        .assertError(400);

    String nearlyFull =
        "{\"templateID\":\"base\",\"metadata\":{\"k\":\""
            + "m".repeat(16_000)
            + "\"},\"envVars\":{\"K\":\""
            + "e".repeat(65_000)
            + "\"}}";
    int created = 0;
    TestHttp.Reply reply;
    while ((reply = http.post("/sandboxes", nearlyFull)).status() == 201) {
      created++;
    }
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.message()).contains("kill sandboxes to make room");
    assertThat(created).isBetween(300, 500);
    assertThat(http.get("/v2/sandboxes?limit=1").status()).isEqualTo(200);

    http.delete("/sandboxes/" + http.get("/v2/sandboxes?limit=1").sandboxIds().get(0));
    assertThat(http.post("/sandboxes", nearlyFull).status()).as("a kill makes room").isEqualTo(201);
  }

  @Test
  void createAnswers201WithARunningSandboxThatEndsAfterItsTimeout() {
    TestHttp.Reply reply =
        http.post(
            "/sandboxes",
            "{\"templateID\":\"base\",\"timeout\":300,\"metadata\":{\"env\":\"dev\"},"
                + "\"envVars\":{\"K\":\"V\"},\"secure\":false,\"allow_internet_access\":true,\"autoPause\":false}");

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.header("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonObject created = reply.object();
    String id = created.get("sandboxID").getAsString();
    assertThat(id).matches("^[a-z0-9]+$");
    assertThat(created.get("templateID").getAsString())
        .matches("[a-z0-9]{20}")
        .isNotEqualTo("base");
    assertThat(created.get("alias").getAsString()).isEqualTo("base");
    assertThat(created.get("envdVersion").getAsString()).isEqualTo("0.5.7");
    assertThat(created.has("clientID")).isTrue();
    assertThat(created.has("envdAccessToken")).isFalse();

    JsonObject info = http.get("/sandboxes/" + id).object();
    assertThat(info.get("state").getAsString()).isEqualTo("running");
    assertThat(Instant.parse(info.get("startedAt").getAsString())).isEqualTo(T0);
    assertThat(Instant.parse(info.get("endAt").getAsString())).isEqualTo(T0.plusSeconds(300));
    assertThat(info.getAsJsonObject("metadata").get("env").getAsString()).isEqualTo("dev");
    assertThat(info.has("envVars")).as("envVars are never served back").isFalse();
  }

  @Test
  void withoutATimeoutTheSandboxLivesFifteenSecondsLikeOnTheRealServer() {
    String id = http.create("{\"templateID\":\"base\"}");

    JsonObject info = http.get("/sandboxes/" + id).object();
    assertThat(Instant.parse(info.get("endAt").getAsString())).isEqualTo(T0.plusSeconds(15));
  }

  @Test
  void aSecureSandboxGetsAnEnvdAccessToken() {
    JsonObject created =
        http.post("/sandboxes", "{\"templateID\":\"base\",\"timeout\":60,\"secure\":true}")
            .object();

    assertThat(created.get("envdAccessToken").getAsString()).matches("[0-9a-f]{32}");
  }

  @Test
  void idsAreUniqueAndStartTimesStrictlyIncreaseEvenWhenTheClockStandsStill() {
    String first = http.create();
    String second = http.create();

    assertThat(first).isNotEqualTo(second);
    Instant firstStart =
        Instant.parse(http.get("/sandboxes/" + first).object().get("startedAt").getAsString());
    Instant secondStart =
        Instant.parse(http.get("/sandboxes/" + second).object().get("startedAt").getAsString());
    assertThat(secondStart).isAfter(firstStart);
    assertThat(
            http.get("/v2/sandboxes")
                .array()
                .get(0)
                .getAsJsonObject()
                .get("sandboxID")
                .getAsString())
        .as("newest first")
        .isEqualTo(second);
  }

  @Test
  void endAtIsExactlyStartedAtPlusTheTimeoutEvenWhenTheStartTimeWasMovedToStayUnique() {
    for (int i = 0; i < 3; i++) { // the clock stands still: the 2nd and 3rd start 1 and 2 µs later
      String id = http.create("{\"templateID\":\"base\",\"timeout\":300}");

      JsonObject info = http.get("/sandboxes/" + id).object();
      Instant startedAt = Instant.parse(info.get("startedAt").getAsString());
      Instant endAt = Instant.parse(info.get("endAt").getAsString());
      assertThat(Duration.between(startedAt, endAt))
          .as("sandbox %d", i)
          .isEqualTo(Duration.ofSeconds(300));
    }
  }

  @Test
  void seededTimestampsHaveMicrosecondPrecisionLikeEveryOther() {
    server
        .admin()
        .seed(
            SeedSpec.builder()
                .count(3)
                .spacing(Duration.ofNanos(1_500))
                .timeout(Duration.ofSeconds(60).plusNanos(999))
                .build());

    for (var item : http.get("/v2/sandboxes").array()) {
      for (String field : new String[] {"startedAt", "endAt"}) {
        Instant value = Instant.parse(item.getAsJsonObject().get(field).getAsString());
        assertThat(value.getNano() % 1_000).as(field + " " + value).isZero();
      }
    }
  }

  @Test
  void seededIdsComeBackInListOrderEvenWhenStartTimesTie() {
    List<String> ids =
        server.admin().seed(SeedSpec.builder().count(20).spacing(Duration.ZERO).build());

    assertThat(http.get("/v2/sandboxes").sandboxIds()).containsExactlyElementsOf(ids);
  }

  @Test
  void unknownFieldsAreIgnored() {
    assertThat(
            http.post(
                    "/sandboxes", "{\"templateID\":\"base\",\"timeout\":5,\"futureField\":[1,{}]}")
                .status())
        .isEqualTo(201);
  }

  @Test
  void nullOptionalFieldsCountAsAbsent() {
    assertThat(
            http.post(
                    "/sandboxes",
                    "{\"templateID\":\"base\",\"timeout\":null,\"metadata\":null,\"autoPause\":null}")
                .status())
        .isEqualTo(201);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"templateID\":\"base\",\"timeout\":0}",
        "{\"templateID\":\"base\",\"timeout\":-5}",
        "{\"templateID\":\"base\",\"timeout\":1.5}",
        "{\"templateID\":\"base\",\"timeout\":15.0}",
        "{\"templateID\":\"base\",\"timeout\":1e3}",
        "{\"templateID\":\"base\",\"timeout\":\"60\"}",
        "{\"templateID\":\"base\",\"timeout\":true}",
        "{\"templateID\":\"base\",\"timeout\":2147483648}",
        "{\"templateID\":\"base\",\"timeout\":[60]}",
        "{\"timeout\":60}",
        "{\"templateID\":\"\"}",
        "{\"templateID\":\"   \"}",
        "{\"templateID\":null}",
        "{\"templateID\":42}",
        "{\"templateID\":{\"id\":\"base\"}}",
        "{\"templateID\":\"base\",\"metadata\":{\"k\":1}}",
        "{\"templateID\":\"base\",\"metadata\":{\"k\":null}}",
        "{\"templateID\":\"base\",\"metadata\":[\"k\"]}",
        "{\"templateID\":\"base\",\"metadata\":\"k=v\"}",
        "{\"templateID\":\"base\",\"envVars\":{\"K\":true}}",
        "{\"templateID\":\"base\",\"autoPause\":\"true\"}",
        "{\"templateID\":\"base\",\"secure\":1}",
        "{\"templateID\":\"base\",\"allow_internet_access\":\"yes\"}",
        "{\"templateID\":\"base\",\"autoResume\":true}",
        "{\"templateID\":\"base\",\"autoResume\":{}}",
        "{\"templateID\":\"base\",\"autoResume\":{\"enabled\":\"yes\"}}",
        "{\"templateID\":\"base\"",
        "{\"templateID\":\"base\"} trailing",
        "{'templateID':'base'}",
        "{templateID:\"base\"}",
        "[{\"templateID\":\"base\"}]",
        "\"base\"",
        "null",
        "42",
        "not json at all",
        " "
      })
  void badBodiesAnswer400AndCreateNothing(String body) {
    http.post("/sandboxes", body).assertError(400);

    assertThat(server.admin().sandboxCount()).isZero();
  }

  @Test
  void anEmptyBodyAnswers400() {
    http.send("POST", "/sandboxes", null).assertError(400);
  }

  @Test
  void zeroTimeoutIsRejectedWithTheRealServersMessage() {
    assertThat(
            http.post("/sandboxes", "{\"templateID\":\"base\",\"timeout\":0}")
                .assertError(400)
                .message())
        .isEqualTo("Timeout must be greater than 0");
  }
}
