package dev.sandbox4j.generated.envd;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.sandbox4j.generated.envd.api.FilesystemApi;
import dev.sandbox4j.generated.envd.model.EntryResponse;
import dev.sandbox4j.generated.envd.model.PathRequest;
import dev.sandbox4j.generated.interpreter.api.InterpreterApi;
import dev.sandbox4j.generated.interpreter.model.Context;
import dev.sandbox4j.generated.interpreter.model.CreateContextRequest;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins the generated data-plane clients to the wire: a Connect unary method is a JSON POST to
 * {@code /<package>.<Service>/<Method>}, and responses with fields or enum names the document does
 * not know still parse.
 */
class DataPlaneApiWireTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String base() {
    return server.url("/").toString().replaceAll("/$", "");
  }

  @Test
  void statIsAJsonPostAndKeepsAnUnknownFileTypeAndSizeAsString() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"entry\":{\"name\":\"l\",\"type\":\"FILE_TYPE_SYMLINK\",\"size\":\"13\","
                    + "\"modifiedTime\":\"2024-05-01T10:00:00.123456789Z\",\"newField\":1}}")
            .build());
    ApiClient client = new ApiClient(new OkHttpClient());
    client.setBasePath(base());

    EntryResponse answer = new FilesystemApi(client).filesystemStat(new PathRequest().path("/a"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/filesystem.Filesystem/Stat");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(JsonParser.parseString(request.getBody().utf8()))
        .isEqualTo(JsonParser.parseString("{\"path\":\"/a\"}"));
    assertThat(answer.getEntry().getType()).isEqualTo("FILE_TYPE_SYMLINK");
    assertThat(answer.getEntry().getSize()).isEqualTo("13");
  }

  @Test
  void createContextPostsLanguageAndCwd() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body("{\"id\":\"k1\",\"language\":\"python\",\"cwd\":\"/home/user\"}")
            .build());
    dev.sandbox4j.generated.interpreter.ApiClient client =
        new dev.sandbox4j.generated.interpreter.ApiClient(new OkHttpClient());
    client.setBasePath(base());

    Context context =
        new InterpreterApi(client)
            .createContext(new CreateContextRequest().language("python").cwd("/home/user"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/contexts");
    assertThat(JsonParser.parseString(request.getBody().utf8()))
        .isEqualTo(JsonParser.parseString("{\"language\":\"python\",\"cwd\":\"/home/user\"}"));
    assertThat(context.getId()).isEqualTo("k1");
  }
}
