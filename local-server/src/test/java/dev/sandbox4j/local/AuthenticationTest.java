package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(LocalSandboxServerExtension.class)
class AuthenticationTest extends LocalServerTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /v2/sandboxes",
    "POST, /sandboxes",
    "GET, /sandboxes/abc",
    "DELETE, /sandboxes/abc",
    "POST, /sandboxes/abc/connect",
    "POST, /sandboxes/abc/pause",
    "POST, /sandboxes/abc/timeout"
  })
  void everyOperationAnswers401WithoutAKey(String method, String path) {
    TestHttp anonymous = TestHttp.anonymous(server.apiUrl());

    anonymous.send(method, path, "{}").assertError(401);
    anonymous.withHeader("X-API-Key", "sk_wrong").send(method, path, "{}").assertError(401);
    assertThat(server.admin().sandboxCount()).isZero();
  }

  @Test
  void theRightKeyIsAcceptedInAnyHeaderCase() {
    TestHttp lowerCase =
        TestHttp.anonymous(server.apiUrl())
            .withHeader("x-api-key", LocalSandboxServer.DEFAULT_API_KEY);
    TestHttp officialSdkCase =
        TestHttp.anonymous(server.apiUrl())
            .withHeader("X-API-KEY", LocalSandboxServer.DEFAULT_API_KEY);

    assertThat(lowerCase.get("/v2/sandboxes").status()).isEqualTo(200);
    assertThat(officialSdkCase.get("/v2/sandboxes").status()).isEqualTo(200);
  }

  @Test
  void aConfiguredKeyReplacesTheDefault() {
    try (LocalSandboxServer server =
        LocalSandboxServer.builder().apiKey("sk_custom").build().start()) {
      TestHttp anonymous = TestHttp.anonymous(server.apiUrl());

      assertThat(server.apiKey()).isEqualTo("sk_custom");
      assertThat(anonymous.withHeader("X-API-Key", "sk_custom").get("/v2/sandboxes").status())
          .isEqualTo(200);
      anonymous
          .withHeader("X-API-Key", LocalSandboxServer.DEFAULT_API_KEY)
          .get("/v2/sandboxes")
          .assertError(401);
    }
  }

  @Test
  void aBearerAccessTokenWorksOnlyWhenConfigured(LocalSandboxServer withoutToken) {
    TestHttp bearer =
        TestHttp.anonymous(withoutToken.apiUrl()).withHeader("Authorization", "Bearer tok_1");
    bearer.get("/v2/sandboxes").assertError(401);

    try (LocalSandboxServer server =
        LocalSandboxServer.builder().accessToken("tok_1").build().start()) {
      TestHttp client = TestHttp.anonymous(server.apiUrl());

      assertThat(server.accessToken()).contains("tok_1");
      assertThat(client.withHeader("Authorization", "Bearer tok_1").get("/v2/sandboxes").status())
          .isEqualTo(200);
      assertThat(client.withHeader("Authorization", "bearer tok_1").get("/v2/sandboxes").status())
          .isEqualTo(200);
      client.withHeader("Authorization", "Bearer tok_2").get("/v2/sandboxes").assertError(401);
      client.withHeader("Authorization", "tok_1").get("/v2/sandboxes").assertError(401);
      // Both headers, as the official SDK sends when both are configured: either valid one
      // suffices.
      assertThat(
              client
                  .withHeader("X-API-Key", "sk_wrong")
                  .withHeader("Authorization", "Bearer tok_1")
                  .get("/v2/sandboxes")
                  .status())
          .isEqualTo(200);
    }
  }

  @Test
  void routingErrorsComeBeforeAuthentication() {
    TestHttp anonymous = TestHttp.anonymous(server.apiUrl());

    anonymous.get("/nope").assertError(404);
    anonymous.send("PUT", "/sandboxes", "{}").assertError(405);
  }

  @Test
  void testHooksNeedTheApiKeySoOtherProcessesCannotWipeTheServer() {
    server.admin().seed(SeedSpec.of(2));
    TestHttp anonymous = TestHttp.anonymous(server.apiUrl());
    TestHttp wrongKey = anonymous.withHeader("X-API-Key", "sk_wrong");

    for (TestHttp stranger : java.util.List.of(anonymous, wrongKey)) {
      stranger.post("/_local/reset", null).assertError(401);
      stranger.get("/_local/health").assertError(401);
      stranger.post("/_local/seed", "{\"count\":5}").assertError(401);
      stranger.get("/_local/requests").assertError(401);
    }
    assertThat(server.admin().sandboxCount()).as("nothing wiped or added").isEqualTo(2);

    TestHttp.Reply health = TestHttp.to(server).get("/_local/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.object().get("status").getAsString()).isEqualTo("ok");
  }
}
