package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalSandboxServerExtension.class)
class RequestLogTest extends LocalServerTest {

  @Test
  void logsMethodPathRawQueryHeadersBodyAndStatusWithSecretsRedacted() {
    TestHttp http =
        TestHttp.to(server)
            .withHeader("Authorization", "Bearer secret-token")
            .withHeader("X-Trace", "t1");
    http.post("/sandboxes", "{\"templateID\":\"base\",\"timeout\":60}");
    http.get("/v2/sandboxes?limit=5&metadata=a%253Db");
    http.get("/_local/health");

    List<RecordedRequest> log = server.admin().requests();

    assertThat(log).hasSize(2).as("test hooks are not logged");
    RecordedRequest create = log.get(0);
    assertThat(create.method()).isEqualTo("POST");
    assertThat(create.path()).isEqualTo("/sandboxes");
    assertThat(create.rawQuery()).isEmpty();
    assertThat(create.body()).isEqualTo("{\"templateID\":\"base\",\"timeout\":60}");
    assertThat(create.status()).isEqualTo(201);
    assertThat(create.dropped()).isFalse();
    assertThat(create.header("x-api-key")).contains(RecordedRequest.REDACTED);
    assertThat(create.header("Authorization")).contains("Bearer " + RecordedRequest.REDACTED);
    assertThat(create.header("X-TRACE")).contains("t1");
    assertThat(create.headers().toString())
        .doesNotContain(server.apiKey())
        .doesNotContain("secret-token");
    assertThat(create.receivedAt()).isBeforeOrEqualTo(server.admin().now());

    RecordedRequest list = log.get(1);
    assertThat(list.rawQuery()).isEqualTo("limit=5&metadata=a%253Db");
    assertThat(list.status()).isEqualTo(200);
  }

  @Test
  void theLogCanBeClearedAndIsEmptiedByReset() {
    TestHttp http = TestHttp.to(server);
    http.get("/v2/sandboxes");
    assertThat(server.admin().requests()).hasSize(1);

    server.admin().clearRequests();
    assertThat(server.admin().requests()).isEmpty();

    http.get("/nope");
    server.admin().reset();
    assertThat(server.admin().requests()).isEmpty();
  }

  @Test
  void theLogKeepsAtMost16MiCharactersSoLargeBodiesCannotExhaustMemory() {
    String body = "x".repeat(1_000_000); // under the 1 MiB body limit; 20 of them are 20 M
    TestHttp http = TestHttp.to(server);
    for (int i = 0; i < 20; i++) {
      http.send("POST", "/nope?i=" + i, body);
    }

    List<RecordedRequest> log = server.admin().requests();
    long retained = log.stream().mapToLong(r -> r.body().length()).sum();
    assertThat(retained).isLessThanOrEqualTo(16L << 20);
    assertThat(log)
        .last()
        .extracting(RecordedRequest::rawQuery)
        .as("the newest stay")
        .isEqualTo("i=19");
  }

  @Test
  void rejectedRequestsAreLoggedWithTheirStatus() {
    TestHttp.anonymous(server.apiUrl()).get("/v2/sandboxes");
    TestHttp.to(server).send("PATCH", "/sandboxes", "{}");

    assertThat(server.admin().requests())
        .extracting(RecordedRequest::status)
        .containsExactly(401, 405);
  }
}
