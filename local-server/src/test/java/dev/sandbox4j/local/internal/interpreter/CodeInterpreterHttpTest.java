package dev.sandbox4j.local.internal.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interpreter's routes served by a real JDK HTTP server on 127.0.0.1: the bytes, statuses and
 * bodies the official code-interpreter SDK receives from the real server.
 */
class CodeInterpreterHttpTest {

  private static final String TEXT = "text/plain; charset=utf-8";

  @TempDir Path home;
  private CodeInterpreter interpreter;
  private HttpServer server;
  private ExecutorService handlers;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private URI base;

  @BeforeEach
  void start() throws Exception {
    interpreter =
        new CodeInterpreter(
            new HostKernelLauncher(home),
            InterpreterSettings.defaults().withKeepaliveInterval(Duration.ofMillis(200)));
    handlers = Executors.newCachedThreadPool();
    server = serve(new CodeInterpreterHttp(interpreter));
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private HttpServer serve(CodeInterpreterHttp http) throws IOException {
    return serve(exchange -> http.handle(exchange, exchange.getRequestURI().getRawPath()));
  }

  private HttpServer serve(HttpHandler handler) throws IOException {
    HttpServer started =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    started.setExecutor(handlers);
    started.createContext("/", handler);
    started.start();
    return started;
  }

  /** Sends a POST /execute by hand on a socket the test controls, and reads the status line. */
  private static void rawPost(Socket socket, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST /execute HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
    assertThat(head).isEqualTo("HTTP/1.1 200");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    interpreter.close();
    handlers.shutdownNow();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .method(method, publisher)
            .timeout(Duration.ofSeconds(20))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> execute(String body) throws Exception {
    return send("POST", "/execute", body);
  }

  @Test
  void executeStreamsTheNdjsonLinesTheOfficialSdkParses() throws Exception {
    HttpResponse<String> response = execute("{\"code\":\"print('hello')\\n41 + 1\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).isEmpty(); // as the real server
    String[] lines = response.body().split("\n", -1);
    assertThat(lines).hasSize(5);
    assertThat(lines[0]).isEqualTo("{\"type\":\"number_of_executions\",\"execution_count\":1}");
    assertThat(lines[1])
        .matches(
            "\\{\"type\":\"stdout\",\"text\":\"hello\\\\n"
                + "\",\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\"}");
    assertThat(lines[2]).isEqualTo("{\"type\":\"result\",\"text\":\"42\",\"is_main_result\":true}");
    assertThat(lines[3]).isEqualTo("{\"type\":\"end_of_execution\"}");
    assertThat(lines[4]).isEmpty(); // every line, the last too, ends with \n

    ExecutionLines failed = ExecutionLines.parse(execute("{\"code\":\"undefined_name\"}").body());
    JsonObject error = failed.error().orElseThrow();
    assertThat(error.keySet()).containsExactly("type", "name", "value", "traceback");
    assertThat(error.get("name").getAsString()).isEqualTo("NameError");
    assertThat(error.get("value").getAsString()).isEqualTo("name 'undefined_name' is not defined");
    assertThat(failed.executionCount()).isEqualTo(2);
  }

  @Test
  void aBodyTheCallerAlreadyReadIsServedTheSame() throws Exception {
    CodeInterpreterHttp http = new CodeInterpreterHttp(interpreter);
    HttpServer reading =
        serve(
            exchange ->
                http.handle(
                    exchange,
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestBody().readAllBytes()));
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + reading.getAddress().getPort() + "/execute"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"6 * 7\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ExecutionLines.parse(response.body()).text()).contains("42");
    } finally {
      reading.stop(0);
    }
  }

  @Test
  void linesLeaveWhileTheCodeIsStillRunning() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/execute"))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"code\":\"print('first')\\n"
                        + "import time\\n"
                        + "time.sleep(1.5)\\n"
                        + "print('second')\"}"))
            .build();
    long sent = System.nanoTime();
    HttpResponse<InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader body =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(nextLine(body)).contains("number_of_executions");
      assertThat(nextLine(body)).contains("\"text\":\"first\\n\"");
      Duration firstLine = Duration.ofNanos(System.nanoTime() - sent);
      assertThat(nextLine(body)).contains("\"text\":\"second\\n\"");
      Duration secondLine = Duration.ofNanos(System.nanoTime() - sent);

      assertThat(firstLine).isLessThan(Duration.ofMillis(1200));
      assertThat(secondLine).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
      assertThat(nextLine(body)).isEqualTo("{\"type\":\"end_of_execution\"}");
      assertThat(body.readLine()).isNull();
    }
  }

  @Test
  void aRunawayExecutionEndsWithATimeoutErrorLineWhenTheRequestNamesATimeout() throws Exception {
    ExecutionLines lines =
        ExecutionLines.parse(execute("{\"code\":\"while True: pass\",\"timeout\":0.5}").body());

    assertThat(lines.types()).endsWith("error", "end_of_execution");
    assertThat(lines.errorName()).isEqualTo("TimeoutError");
    assertThat(lines.types()).contains("keepalive"); // silence is filled, as newer servers do
  }

  @Test
  void aClientThatGoesAwayHasItsExecutionInterrupted() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
      rawPost(socket, "{\"code\":\"leftover = 1\\nwhile True: pass\"}");
    } // the client leaves with the loop still running

    CompletableFuture<HttpResponse<String>> next =
        client.sendAsync(
            HttpRequest.newBuilder(base.resolve("/execute"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"leftover + 1\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    ExecutionLines after = ExecutionLines.parse(next.get(10, TimeUnit.SECONDS).body());
    assertThat(after.text()).contains("2"); // the loop was interrupted, the state kept
    assertThat(after.error()).isEmpty();
  }

  @Test
  void codeThatIgnoresTheInterruptOfAClientThatWentAwayLosesItsKernel() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
      rawPost(
          socket,
          "{\"code\":\"leftover = 1\\n"
              + "import time\\n"
              + "while True:\\n"
              + "    try:\\n"
              + "        time.sleep(10)\\n"
              + "    except KeyboardInterrupt:\\n"
              + "        pass\"}");
    }

    CompletableFuture<HttpResponse<String>> next =
        client.sendAsync(
            HttpRequest.newBuilder(base.resolve("/execute"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"'leftover' in globals()\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // Killed after the 2 s grace: a fresh kernel, without the old state.
    assertThat(ExecutionLines.parse(next.get(15, TimeUnit.SECONDS).body()).text())
        .contains("False");
  }

  @Test
  void aClientThatStopsReadingIsCutOffByTheIoDeadlineAndItsExecutionInterrupted() throws Exception {
    try (InterruptingDeadline deadline = new InterruptingDeadline(300)) {
      HttpServer strict = serve(new CodeInterpreterHttp(interpreter, deadline));
      int port = strict.getAddress().getPort();
      try (Socket reader = new Socket("127.0.0.1", port)) {
        reader.setReceiveBufferSize(4096);
        String code = "for i in range(100_000):\\n    print('y' * 1000)";
        rawPost(reader, "{\"code\":\"" + code + "\"}"); // 100 MB of output, never read

        CompletableFuture<HttpResponse<String>> next =
            client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/execute"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"i\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

        ExecutionLines after = ExecutionLines.parse(next.get(20, TimeUnit.SECONDS).body());
        assertThat(Integer.parseInt(after.text().orElseThrow())).isLessThan(99_999);
      } finally {
        strict.stop(0);
      }
    }
  }

  @Test
  void badRequestsGetTheRealServersStatusesAndBodies() throws Exception {
    HttpResponse<String> both =
        execute("{\"code\":\"1\",\"context_id\":\"c\",\"language\":\"python\"}");
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(both.headers().firstValue("Content-Type")).contains(TEXT);
    assertThat(both.body()).isEqualTo("Only one of context_id or language can be provided");

    HttpResponse<String> unknown = execute("{\"code\":\"1\",\"context_id\":\"nope\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("Context nope not found");

    HttpResponse<String> missing = execute("{}");
    assertThat(missing.statusCode()).isEqualTo(422);
    JsonObject problem = detail(missing).get(0).getAsJsonObject();
    assertThat(problem.get("type").getAsString()).isEqualTo("missing");
    assertThat(problem.get("loc").toString()).isEqualTo("[\"body\",\"code\"]");

    HttpResponse<String> wrongTypes = execute("{\"code\":5,\"env_vars\":{\"A\":1},\"timeout\":-1}");
    assertThat(wrongTypes.statusCode()).isEqualTo(422);
    assertThat(detail(wrongTypes).toString())
        .contains(
            "[\"body\",\"code\"]",
            "[\"body\",\"env_vars\",\"A\"]",
            "[\"body\",\"timeout\"]",
            "string_type");

    assertThat(execute("not json").statusCode()).isEqualTo(422);
    assertThat(detail(execute("[1]")).get(0).getAsJsonObject().get("type").getAsString())
        .isEqualTo("model_attributes_type");
    assertThat(execute("").statusCode()).isEqualTo(422);

    HttpResponse<String> cobol = execute("{\"code\":\"1\",\"language\":\"cobol\"}");
    assertThat(cobol.statusCode()).isEqualTo(500);
    assertThat(cobol.body()).contains("no kernel for language 'cobol'");

    HttpResponse<String> wrongMethod = send("GET", "/execute", null);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
    assertThat(wrongMethod.body()).isEqualTo("{\"detail\":\"Method Not Allowed\"}");

    HttpResponse<String> head = send("HEAD", "/execute", null);
    assertThat(head.statusCode()).isEqualTo(405);
    assertThat(head.body()).isEmpty();

    HttpResponse<String> nowhere = send("GET", "/nowhere", null);
    assertThat(nowhere.statusCode()).isEqualTo(404);
    assertThat(nowhere.body()).isEqualTo("{\"detail\":\"Not Found\"}");

    HttpResponse<String> huge =
        execute("{\"code\":\"" + "x".repeat(CodeInterpreterHttp.MAX_BODY_BYTES) + "\"}");
    assertThat(huge.statusCode()).isEqualTo(413);

    HttpResponse<String> health = send("GET", "/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("\"OK\"");
    assertThat(interpreter.contexts()).isEmpty(); // nothing was started by bad requests
  }

  @Test
  void contextsAreCreatedListedUsedRestartedAndRemoved() throws Exception {
    HttpResponse<String> created =
        send("POST", "/contexts", "{\"language\":\"python\",\"cwd\":\"/home/user\"}");
    assertThat(created.statusCode()).isEqualTo(200);
    JsonObject python = JsonParser.parseString(created.body()).getAsJsonObject();
    String id = python.get("id").getAsString();
    assertThat(created.body())
        .isEqualTo("{\"id\":\"" + id + "\",\"language\":\"python\",\"cwd\":\"/home/user\"}");
    JsonObject js =
        JsonParser.parseString(send("POST", "/contexts", "{\"language\":\"js\"}").body())
            .getAsJsonObject();
    assertThat(js.get("language").getAsString()).isEqualTo("javascript");
    assertThat(js.get("cwd").getAsString()).isEqualTo("/home/user");

    HttpResponse<String> listed = send("GET", "/contexts", null);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(JsonParser.parseString(listed.body()).getAsJsonArray()).containsExactly(python, js);

    execute("{\"code\":\"state = 'kept'\",\"context_id\":\"" + id + "\"}");
    assertThat(
            ExecutionLines.parse(
                    execute("{\"code\":\"state\",\"context_id\":\"" + id + "\"}").body())
                .text())
        .contains("kept");

    HttpResponse<String> restarted = send("POST", "/contexts/" + id + "/restart", null);
    assertThat(restarted.statusCode()).isEqualTo(200);
    assertThat(restarted.body()).isEqualTo("null");
    assertThat(
            ExecutionLines.parse(
                    execute("{\"code\":\"state\",\"context_id\":\"" + id + "\"}").body())
                .errorName())
        .isEqualTo("NameError");

    HttpResponse<String> removed = send("DELETE", "/contexts/" + id, null);
    assertThat(removed.statusCode()).isEqualTo(200);
    assertThat(removed.body()).isEqualTo("null");
    HttpResponse<String> again = send("DELETE", "/contexts/" + id, null);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.headers().firstValue("Content-Type")).contains(TEXT);
    assertThat(again.body()).isEqualTo("Context " + id + " not found");
    assertThat(send("DELETE", "/contexts/ctx%2F1", null).body())
        .isEqualTo("Context ctx/1 not found");
    assertThat(send("POST", "/contexts/nope/restart", null).statusCode()).isEqualTo(404);

    HttpResponse<String> byLanguage =
        execute("{\"code\":\"[1, 2].map(x => x * 2)\",\"language\":\"js\"}");
    assertThat(ExecutionLines.parse(byLanguage.body()).text()).contains("[ 2, 4 ]");
    JsonArray now = JsonParser.parseString(send("GET", "/contexts", null).body()).getAsJsonArray();
    assertThat(now).hasSize(2).contains(js); // the js one created by hand, and the js default

    HttpResponse<String> badCwd = send("POST", "/contexts", "{\"cwd\":\"/home/user/missing\"}");
    assertThat(badCwd.statusCode()).isEqualTo(500);
    assertThat(badCwd.body()).contains("python", "/home/user/missing does not exist");
    assertThat(send("POST", "/contexts", "{\"language\":\"r\"}").statusCode()).isEqualTo(500);
    assertThat(send("POST", "/contexts", "{\"language\":7}").statusCode()).isEqualTo(422);
  }

  /** The next line that is not a keepalive (sent every 200 ms of silence here). */
  private static String nextLine(BufferedReader body) throws IOException {
    String line = body.readLine();
    while ("{\"type\":\"keepalive\"}".equals(line)) {
      line = body.readLine();
    }
    return line;
  }

  private static JsonArray detail(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("detail");
  }
}
