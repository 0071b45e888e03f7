package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.AuthenticationException;
import dev.sandbox4j.errors.BadRequestException;
import dev.sandbox4j.errors.ConflictException;
import dev.sandbox4j.errors.NotFoundException;
import dev.sandbox4j.errors.PermissionDeniedException;
import dev.sandbox4j.errors.RateLimitException;
import dev.sandbox4j.errors.SandboxApiException;
import dev.sandbox4j.errors.SandboxException;
import dev.sandbox4j.errors.SandboxNotFoundException;
import dev.sandbox4j.errors.SandboxProtocolException;
import dev.sandbox4j.errors.ServerException;
import dev.sandbox4j.errors.UnexpectedStatusException;
import dev.sandbox4j.generated.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every status and every malformed answer becomes the right typed exception. */
class ErrorMappingTest {
  private final MockApi api;

  ErrorMappingTest() throws Exception {
    api = new MockApi();
  }

  @AfterEach
  void close() {
    api.close();
  }

  private SandboxException failureOfList(MockResponse response) {
    api.enqueue(response);
    try (SandboxClient client = api.client()) {
      return org.junit.jupiter.api.Assertions.assertThrows(
          SandboxException.class, () -> client.list().nextItems());
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void eachStatusClassHasItsType() {
    assertThat(failureOfList(json(400, "{\"code\":400,\"message\":\"bad metadata\"}")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("bad metadata");
    assertThat(failureOfList(json(401, "{\"code\":401,\"message\":\"Invalid API key\"}")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("Invalid API key");
    assertThat(failureOfList(json(403, "{\"code\":403,\"message\":\"forbidden\"}")))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(failureOfList(json(404, "{\"code\":404,\"message\":\"no route\"}")))
        .isExactlyInstanceOf(NotFoundException.class);
    assertThat(failureOfList(json(409, "{\"code\":409,\"message\":\"conflict\"}")))
        .isInstanceOf(ConflictException.class);
    assertThat(failureOfList(json(500, "{\"code\":500,\"message\":\"boom\"}")))
        .isInstanceOf(ServerException.class);
    assertThat(failureOfList(json(418, "{\"code\":418,\"message\":\"teapot\"}")))
        .isInstanceOf(UnexpectedStatusException.class);
    assertThat(
            failureOfList(new MockResponse.Builder().code(302).setHeader("Location", "/x").build()))
        .isInstanceOf(UnexpectedStatusException.class);
  }

  @Test
  void apiExceptionsCarryStatusMessageRequestIdAndTheGeneratedCause() {
    SandboxException e =
        failureOfList(
            new MockResponse.Builder()
                .code(500)
                .setHeader("X-Request-Id", "req-42")
                .setHeader("Content-Type", "application/json")
                .body("{\"code\":500,\"message\":\"internal\"}")
                .build());
    assertThat(e)
        .isInstanceOfSatisfying(
            SandboxApiException.class,
            api -> {
              assertThat(api.statusCode()).isEqualTo(500);
              assertThat(api.serverMessage()).contains("internal");
              assertThat(api.requestId()).contains("req-42");
              assertThat(api.getCause()).isInstanceOf(ApiException.class);
              assertThat(api.attempts()).isEqualTo(1);
            });
  }

  @Test
  void rateLimitCarriesRetryAfter() {
    SandboxException e =
        failureOfList(
            new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "7")
                .body("{\"code\":429,\"message\":\"slow down\"}")
                .build());
    assertThat(e)
        .isInstanceOfSatisfying(
            RateLimitException.class,
            r -> assertThat(r.retryAfter()).contains(Duration.ofSeconds(7)));
  }

  @Test
  void htmlErrorPagesBecomeAShortSnippet() {
    String html =
        "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>"
            + "x".repeat(5000)
            + "</body></html>";
    SandboxException e =
        failureOfList(
            new MockResponse.Builder()
                .code(502)
                .setHeader("Content-Type", "text/html")
                .body(html)
                .build());
    assertThat(e).isInstanceOf(ServerException.class).hasMessageContaining("502 Bad Gateway");
    assertThat(e.getMessage()).hasSizeLessThan(400).doesNotContain("\n");
  }

  @Test
  void malformedSuccessBodiesAreProtocolErrors() {
    assertThat(
            failureOfList(
                new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "text/html")
                    .body("<html>maintenance</html>")
                    .build()))
        .isInstanceOf(SandboxProtocolException.class);
    assertThat(failureOfList(json(200, "[" + MockApi.listed("a", "running").substring(0, 40))))
        .isInstanceOf(SandboxProtocolException.class);
    assertThat(failureOfList(json(200, "{\"not\":\"an array\"}")))
        .isInstanceOf(SandboxProtocolException.class);
    assertThat(failureOfList(json(200, "[{\"sandboxID\":\"a\"}]")))
        .isInstanceOf(SandboxProtocolException.class)
        .hasMessageContaining("required field")
        .hasMessageNotContaining("{\"sandboxID\"");
    assertThat(
            failureOfList(
                json(200, "[" + MockApi.listed("a", "running").replace("2", "\"two\"") + "]")))
        .isInstanceOf(SandboxProtocolException.class);
  }

  @Test
  void wrongTypesInGetInfoAreProtocolErrors() {
    api.enqueue(
        json(
            200,
            MockApi.listed("a", "running").replace("\"2026-01-02T03:04:05Z\"", "\"yesterday\"")));
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(() -> client.getInfo("a")).isInstanceOf(SandboxProtocolException.class);
    }
  }

  @Test
  void forwardCompatibleAnswersParse() {
    String future =
        "[{\"sandboxID\":\"a\",\"templateID\":\"t\",\"startedAt\":\"2026-01-02T03:04:05.987654321+05:30\","
            + "\"endAt\":\"2026-01-02T03:04:05Z\",\"state\":\"hibernating\",\"cpuCount\":1,"
            + "\"memoryMB\":128,\"newField\":{\"nested\":[1,2,3]},\"metadata\":null}]";
    api.enqueue(json(200, future));
    List<SandboxInfo> items;
    try (SandboxClient client = api.client()) {
      items = client.list().nextItems();
    }
    SandboxInfo info = items.get(0);
    assertThat(info.state()).isEqualTo(SandboxState.UNKNOWN);
    assertThat(info.rawState()).isEqualTo("hibernating");
    assertThat(info.startedAt()).isEqualTo(Instant.parse("2026-01-01T21:34:05.987654321Z"));
    assertThat(info.metadata()).isEmpty();
    assertThat(info.diskSizeMb()).isEmpty();
    assertThat(info.envdVersion()).isEmpty();
    assertThat(info.name()).isEmpty();
  }

  @Test
  void connectNotFoundIsASandboxNotFound() {
    api.enqueue(json(404, "{\"code\":404,\"message\":\"Paused sandbox x not found\"}"));
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(() -> client.connect("x"))
          .isInstanceOfSatisfying(
              SandboxNotFoundException.class, e -> assertThat(e.sandboxId()).isEqualTo("x"));
    }
  }

  @Test
  void connectionErrorsNameTheServerInOneLine() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (SandboxClient client = api.client(b -> b.apiUrl("http://127.0.0.1:" + closedPort))) {
      assertThatThrownBy(() -> client.getInfo("x"))
          .isInstanceOfSatisfying(
              dev.sandbox4j.errors.SandboxConnectionException.class,
              e -> {
                assertThat(e.getMessage())
                    .contains("could not connect to http://127.0.0.1:" + closedPort + ":")
                    .doesNotContain("\n");
                assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
                assertThat(e.getCause().toString()).doesNotContain("\n");
              });
    }
  }

  @Test
  void statusErrorsAndTheirCausesAreOneLineAndNotFoundSaysItOnce() {
    SandboxException e =
        failureOfList(
            new MockResponse.Builder()
                .code(500)
                .setHeader("X-Request-Id", "req-1")
                .setHeader("Content-Type", "application/json")
                .body("{\"message\":\"boom\"}")
                .build());
    assertThat(e.getCause().getMessage()).isEqualTo("HTTP 500");
    assertThat(e.getCause().toString()).doesNotContain("\n").doesNotContain("req-1");
    api.enqueue(json(404, "{\"code\":404,\"message\":\"Sandbox x not found\"}"));
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(() -> client.getInfo("x"))
          .isInstanceOfSatisfying(
              SandboxNotFoundException.class,
              notFound -> {
                assertThat(notFound.getMessage())
                    .isEqualTo("get info of sandbox x failed: sandbox x not found (HTTP 404)");
                assertThat(notFound.serverMessage()).contains("Sandbox x not found");
              });
    }
  }
}
