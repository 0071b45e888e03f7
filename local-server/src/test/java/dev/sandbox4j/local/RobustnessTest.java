package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input of every kind gets a 4xx, never a 500 and never a hang. */
@ExtendWith(LocalSandboxServerExtension.class)
class RobustnessTest extends LocalServerTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET|/sandboxes/%zz|400",
        "GET|/v2/sandboxes?metadata=%zz|400",
        "GET|/v2/sandboxes?metadata=%|400",
        "GET|/v2/sandboxes?limit=%FF|400",
        "GET|/sandboxes/%C3%28|400",
        "GET|/v2/sandboxes?nextToken=%E2%82|400",
        "FOO|/v2/sandboxes|405",
        "OPTIONS|/sandboxes|405",
        "PUT|/sandboxes/abc|405",
        "GET|/sandboxes/abc/connect|405",
        "GET|//sandboxes|404",
        "GET|/v2|404",
        "GET|/v3/sandboxes|404",
        "GET|/sandboxes/abc/pause/extra|404",
        "GET|/_local/../v2/sandboxes|404",
        "GET|/v2/sandboxes?limit=1&limit=abc|200",
        "GET|/v2/sandboxes?&&&=&x|200",
        "GET|/v2/sandboxes?state=running&state=|400"
      })
  void oddRequestLinesAreAnsweredWithA4xx(String method, String target, int expected) {
    String response =
        RawHttp.exchange(
            server.port(),
            method + " " + target + " HTTP/1.1",
            "X-API-Key: " + server.apiKey() + "\r\n",
            "");

    assertThat(RawHttp.status(response)).as(response).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Transfer-Encoding: xchunked",
        "Transfer-Encoding: gzip, chunked",
        "Transfer-Encoding: chunked\r\nContent-Length: 5",
        "Content-Length: 5\r\nContent-Length: 6",
        "Content-Length: -1",
        "Content-Length: 1e3",
        " folded: header",
        "no colon here"
      })
  void badFramingHeadersGetA400NotA5xx(String header) {
    String response =
        RawHttp.exchange(
            server.port(),
            "POST /sandboxes HTTP/1.1",
            "X-API-Key: " + server.apiKey() + "\r\n" + header + "\r\n",
            "");

    assertThat(RawHttp.status(response)).as(response).isEqualTo(400);
    assertThat(server.admin().sandboxCount()).isZero();
  }

  @Test
  void aHeadRequestGetsA405WithoutABody() {
    String response =
        RawHttp.exchange(
            server.port(),
            "HEAD /v2/sandboxes HTTP/1.1",
            "X-API-Key: " + server.apiKey() + "\r\n",
            "");

    assertThat(RawHttp.status(response)).isEqualTo(405);
    assertThat(RawHttp.body(response)).isEmpty();
  }

  @Test
  void aTrailingSlashRedirectsToTheRouteLikeTheRealServer() {
    String get = RawHttp.exchange(server.port(), "GET /v2/sandboxes/?limit=1 HTTP/1.1", "", "");
    String post = RawHttp.exchange(server.port(), "POST /sandboxes/ HTTP/1.1", "", "{}");

    assertThat(RawHttp.status(get)).isEqualTo(301);
    assertThat(get).containsIgnoringCase("Location: /v2/sandboxes?limit=1");
    assertThat(RawHttp.status(post)).isEqualTo(307);
    assertThat(post).containsIgnoringCase("Location: /sandboxes\r\n");
  }

  @Test
  void hostileBodiesAreRejectedNotCrashedOn() {
    String deepNesting = "[".repeat(100_000) + "]".repeat(100_000);
    String hugeNumber = "{\"templateID\":\"base\",\"timeout\":1" + "0".repeat(10_000) + "}";
    String invalidUtf8 =
        new String(
            new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'},
            java.nio.charset.StandardCharsets.ISO_8859_1);
    List<String> bodies =
        List.of(
            deepNesting,
            "{\"templateID\":" + deepNesting + "}",
            hugeNumber,
            invalidUtf8,
            "\u0000",
            "{}{}");

    for (String body : bodies) {
      TestHttp.Reply reply = http.post("/sandboxes", body);
      assertThat(reply.status()).as(body.substring(0, Math.min(40, body.length()))).isEqualTo(400);
    }
    assertThat(server.admin().sandboxCount()).isZero();
  }

  @Test
  void anOversizedBodyGets413() {
    String body = "{\"templateID\":\"base\",\"metadata\":{\"k\":\"" + "x".repeat(1 << 20) + "\"}}";

    http.post("/sandboxes", body).assertError(413);
  }

  @Test
  void randomRequestsNeverGetA500() {
    Random random = new Random(20260301);
    String id = http.create();
    String[] paths = {
      "/v2/sandboxes",
      "/sandboxes",
      "/sandboxes/" + id,
      "/sandboxes/" + id + "/connect",
      "/sandboxes/" + id + "/pause",
      "/sandboxes/" + id + "/timeout",
      "/sandboxes/zzz",
      "/sandboxes/%20",
      "/sandboxes/" + id + "-x/pause"
    };
    String[] methods = {"GET", "POST", "DELETE", "PUT", "PATCH"};
    String[] queries = {
      "",
      "?limit=0",
      "?limit=50",
      "?state=paused,running",
      "?state=,",
      "?metadata=a%253Db",
      "?metadata=%253D%253D",
      "?nextToken=abc",
      "?nextToken=" + "A".repeat(500),
      "?metadata=" + "%2525".repeat(200)
    };
    String[] bodies = {
      null,
      "",
      "{}",
      "[]",
      "{\"timeout\":1}",
      "{\"timeout\":-1}",
      "{\"templateID\":\"t\",\"timeout\":1}",
      "{\"timeout\":1e999}",
      "{\"templateID\":[],\"metadata\":{\"\":\"\"}}",
      "{\"autoResume\":{\"enabled\":null}}",
      "nul"
    };
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String method = methods[random.nextInt(methods.length)];
      String target = paths[random.nextInt(paths.length)] + queries[random.nextInt(queries.length)];
      String body = bodies[random.nextInt(bodies.length)];
      TestHttp.Reply reply = http.send(method, target, body);
      boolean jsonError =
          reply.status() < 400
              || JsonParser.parseString(reply.body()).getAsJsonObject().has("code");
      if (reply.status() >= 500 || !jsonError) {
        failures.add(
            method + " " + target + " " + body + " -> " + reply.status() + " " + reply.body());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(server.admin().requests())
        .extracting(RecordedRequest::status)
        .allMatch(status -> status < 500);
  }
}
