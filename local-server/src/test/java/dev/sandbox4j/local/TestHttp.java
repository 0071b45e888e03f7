package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small HTTP client for the tests: java.net.http, HTTP/1.1, the server's key by default. */
final class TestHttp {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String baseUrl;
  private final Map<String, String> headers;

  private TestHttp(String baseUrl, Map<String, String> headers) {
    this.baseUrl = baseUrl;
    this.headers = Map.copyOf(headers);
  }

  /** A client that sends the server's API key. */
  static TestHttp to(LocalSandboxServer server) {
    return new TestHttp(server.apiUrl(), Map.of("X-API-Key", server.apiKey()));
  }

  /** A client that sends no credentials. */
  static TestHttp anonymous(String baseUrl) {
    return new TestHttp(baseUrl, Map.of());
  }

  /** The same client with one more (or one replaced) header on every request. */
  TestHttp withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new TestHttp(baseUrl, copy);
  }

  Reply get(String pathAndQuery) {
    return send("GET", pathAndQuery, null);
  }

  Reply post(String path, String json) {
    return send("POST", path, json);
  }

  Reply delete(String path) {
    return send("DELETE", path, null);
  }

  Reply send(String method, String pathAndQuery, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates a sandbox (asserting 201) and returns its ID. */
  String create(String json) {
    Reply reply = post("/sandboxes", json);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.object().get("sandboxID").getAsString();
  }

  /** Creates a running sandbox from template {@code base} with a 300 s lifetime. */
  String create() {
    return create("{\"templateID\":\"base\",\"timeout\":300}");
  }

  /** A response. */
  record Reply(int status, HttpHeaders headers, String body) {

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    JsonElement json() {
      return JsonParser.parseString(body);
    }

    JsonObject object() {
      return json().getAsJsonObject();
    }

    JsonArray array() {
      return json().getAsJsonArray();
    }

    /** Asserts the status and the {@code {code, message}} error body that goes with it. */
    Reply assertError(int expectedStatus) {
      assertThat(status).as(body).isEqualTo(expectedStatus);
      JsonObject error = object();
      assertThat(error.get("code").getAsInt()).isEqualTo(expectedStatus);
      assertThat(error.get("message").getAsString()).isNotBlank();
      return this;
    }

    /** The {@code sandboxID}s of a list page, in order. */
    List<String> sandboxIds() {
      assertThat(status).as(body).isEqualTo(200);
      return array().asList().stream()
          .map(item -> item.getAsJsonObject().get("sandboxID").getAsString())
          .toList();
    }

    String message() {
      return object().get("message").getAsString();
    }
  }
}
