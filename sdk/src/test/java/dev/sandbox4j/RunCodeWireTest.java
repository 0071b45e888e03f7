package dev.sandbox4j;

import static dev.sandbox4j.MockSandbox.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import dev.sandbox4j.errors.NotFoundException;
import dev.sandbox4j.errors.SandboxConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@code sandbox.runCode} and the context calls put on the wire and how they read it. */
class RunCodeWireTest {
  private final MockSandbox mock;

  RunCodeWireTest() throws Exception {
    mock = new MockSandbox();
  }

  @AfterEach
  void close() throws Exception {
    mock.close();
  }

  private void enqueueLines(String... lines) {
    mock.enqueue(
        new MockResponse.Builder()
            .body(String.join("\n", lines) + "\n")
            .throttleBody(7, 1, TimeUnit.MILLISECONDS)
            .build());
  }

  @Test
  void runCodeStreamsLinesIntoAnExecution() throws Exception {
    enqueueLines(
        "{\"type\":\"number_of_executions\",\"execution_count\":3}",
        "{\"type\":\"stdout\",\"text\":\"hi\\n\",\"timestamp\":\"2024-05-01T10:00:00Z\"}",
        "{\"type\":\"keepalive\"}",
        "{\"type\":\"future_line\",\"x\":1}",
        "",
        "{\"type\":\"result\",\"is_main_result\":true,\"text\":\"42\",\"json\":{\"a\":1},"
            + "\"extra\":{\"application/x-thing\":\"t\"}}",
        "{\"type\":\"end_of_execution\"}");
    List<String> out = new CopyOnWriteArrayList<>();

    Execution execution =
        mock.sandbox.runCode(
            "x = 41\nx + 1",
            RunCodeOptions.builder().envs(Map.of("X", "y")).onStdout(out::add).build());

    assertThat(execution.text()).contains("42");
    assertThat(execution.executionCount()).hasValue(3);
    assertThat(execution.logs().stdout()).containsExactly("hi\n");
    assertThat(execution.error()).isEmpty();
    assertThat(execution.results().get(0).json()).contains("{\"a\":1}");
    assertThat(execution.results().get(0).formats()).containsExactly("json", "application/x-thing");
    assertThat(out).containsExactly("hi\n");
    RecordedRequest request = mock.take();
    assertThat(request.getTarget()).isEqualTo("/execute");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("X-Access-Token")).isEqualTo(MockSandbox.TOKEN);
    assertThat(request.getHeaders().get("Novita-Sandbox-Port")).isEqualTo("49999");
    assertThat(request.getBody().utf8())
        .isEqualTo("{\"code\":\"x = 41\\nx + 1\",\"env_vars\":{\"X\":\"y\"}}");
  }

  @Test
  void theCodesOwnErrorIsData() throws Exception {
    enqueueLines(
        "{\"type\":\"error\",\"name\":\"ZeroDivisionError\",\"value\":\"division by zero\","
            + "\"traceback\":\"Traceback...\"}",
        "{\"type\":\"end_of_execution\"}");

    Execution execution =
        mock.sandbox.runCodeAsync("1/0", RunCodeOptions.defaults()).get(5, TimeUnit.SECONDS);

    assertThat(execution.error())
        .hasValueSatisfying(
            e -> {
              assertThat(e.name()).isEqualTo("ZeroDivisionError");
              assertThat(e.value()).isEqualTo("division by zero");
            });
  }

  @Test
  void languageAndContextAreExclusiveAndAnUnknownContextIsNotFound() throws Exception {
    CodeContext context = new CodeContext("k1", "python", "/home/user");
    assertThatThrownBy(() -> RunCodeOptions.builder().language("python").context(context).build())
        .isInstanceOf(SandboxConfigurationException.class);
    mock.enqueue(new MockResponse.Builder().code(404).body("Context k1 not found").build());

    assertThatThrownBy(
            () -> mock.sandbox.runCode("1", RunCodeOptions.builder().context(context).build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Context k1 not found");
    assertThat(JsonParser.parseString(mock.take().getBody().utf8()))
        .isEqualTo(JsonParser.parseString("{\"code\":\"1\",\"context_id\":\"k1\"}"));
  }

  @Test
  void contextsAreCreatedListedRestartedAndRemoved() throws Exception {
    mock.enqueue(json(200, "{\"id\":\"ctx/1\",\"language\":\"python\",\"cwd\":\"/tmp\"}"));
    mock.enqueue(
        json(200, "{\"contexts\":[{\"id\":\"ctx/1\",\"language\":\"python\",\"cwd\":\"/tmp\"}]}"));
    mock.enqueue(json(200, "null"));
    mock.enqueue(json(200, "null"));
    mock.enqueue(json(200, "{\"id\":\"k2\",\"language\":\"python\",\"cwd\":\"/home/user\"}"));

    CodeContext created = mock.sandbox.createCodeContext("python", "/tmp");
    List<CodeContext> listed = mock.sandbox.listCodeContexts();
    mock.sandbox.restartCodeContext(created.id());
    mock.sandbox.removeCodeContext(created.id());

    assertThat(listed).containsExactly(created);
    RecordedRequest create = mock.take();
    assertThat(create.getTarget()).isEqualTo("/contexts");
    assertThat(create.getBody().utf8()).isEqualTo("{\"language\":\"python\",\"cwd\":\"/tmp\"}");
    RecordedRequest list = mock.take();
    assertThat(list.getMethod()).isEqualTo("GET");
    assertThat(list.getHeaders().get("Content-Type")).isEqualTo("application/json");
    RecordedRequest restart = mock.take();
    assertThat(restart.getMethod()).isEqualTo("POST");
    assertThat(restart.getTarget()).isEqualTo("/contexts/ctx%2F1/restart");
    RecordedRequest remove = mock.take();
    assertThat(remove.getMethod()).isEqualTo("DELETE");
    assertThat(remove.getTarget()).isEqualTo("/contexts/ctx%2F1");
    assertThat(mock.sandbox.createCodeContext().id()).isEqualTo("k2");
    assertThat(mock.take().getBody().utf8()).isEqualTo("{}");
  }
}
