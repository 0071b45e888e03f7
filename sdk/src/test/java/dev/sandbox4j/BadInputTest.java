package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.SandboxConfigurationException;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client-side half of the bad-input matrix (README, "Bad input"): every case throws {@link
 * SandboxConfigurationException} naming the argument, and nothing reaches the server.
 */
class BadInputTest {
  private static MockApi api;
  private static SandboxClient client;

  @BeforeAll
  static void start() throws Exception {
    api = new MockApi();
    client = api.client();
  }

  @AfterAll
  static void stop() {
    client.close();
    api.close();
  }

  private static Map<String, String> mapWith(String key, String value) {
    Map<String, String> map = new HashMap<>();
    map.put(key, value);
    return map;
  }

  private static Arguments bad(String name, String argument, Consumer<SandboxClient> call) {
    return Arguments.of(name, argument, call);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        bad("limit 0", "limit", c -> c.list(SandboxListQuery.builder().limit(0).build())),
        bad("limit 101", "limit", c -> c.list(SandboxListQuery.builder().limit(101).build())),
        bad("limit -1", "limit", c -> c.list(SandboxListQuery.builder().limit(-1).build())),
        bad(
            "blank nextToken",
            "nextToken",
            c -> c.list(SandboxListQuery.builder().nextToken(" ").build())),
        bad(
            "UNKNOWN state filter",
            "states",
            c -> c.list(SandboxListQuery.builder().states(SandboxState.UNKNOWN).build())),
        bad(
            "null state in filter",
            "states",
            c -> c.list(SandboxListQuery.builder().states(SandboxState.RUNNING, null).build())),
        bad(
            "null states",
            "states",
            c -> c.list(SandboxListQuery.builder().states((SandboxState[]) null).build())),
        bad(
            "null metadata filter key",
            "metadata",
            c -> c.list(SandboxListQuery.builder().metadata(mapWith(null, "v")).build())),
        bad(
            "blank metadata filter key",
            "metadata",
            c -> c.list(SandboxListQuery.builder().putMetadata(" ", "v").build())),
        bad(
            "null metadata filter value",
            "metadata",
            c -> c.list(SandboxListQuery.builder().putMetadata("k", null).build())),
        bad(
            "blank metadata filter value",
            "metadata",
            c -> c.list(SandboxListQuery.builder().putMetadata("k", "").build())),
        bad("null list query", "query", c -> c.list(null)),
        bad("null sandbox id", "sandboxId", c -> c.getInfo(null)),
        bad("empty sandbox id", "sandboxId", c -> c.kill("")),
        bad("blank sandbox id", "sandboxId", c -> c.connect("   ")),
        bad("sandbox id \".\"", "sandboxId", c -> c.pause(".")),
        bad("sandbox id \"..\"", "sandboxId", c -> c.setTimeout("..", Duration.ofSeconds(1))),
        bad("null create params", "params", c -> c.create(null)),
        bad(
            "blank template",
            "template",
            c -> c.create(CreateSandboxParams.builder().template(" ").build())),
        bad(
            "null template",
            "template",
            c -> c.create(CreateSandboxParams.builder().template(null).build())),
        bad(
            "zero lifetime",
            "timeout",
            c -> c.create(CreateSandboxParams.builder().timeout(Duration.ZERO).build())),
        bad(
            "negative lifetime",
            "timeout",
            c -> c.create(CreateSandboxParams.builder().timeout(Duration.ofSeconds(-5)).build())),
        bad(
            "absurd lifetime",
            "timeout",
            c ->
                c.create(
                    CreateSandboxParams.builder()
                        .timeout(Duration.ofSeconds(Long.MAX_VALUE))
                        .build())),
        bad(
            "null lifetime",
            "timeout",
            c -> c.create(CreateSandboxParams.builder().timeout(null).build())),
        bad(
            "null metadata value on create",
            "metadata",
            c -> c.create(CreateSandboxParams.builder().metadata(mapWith("k", null)).build())),
        bad(
            "blank metadata key on create",
            "metadata",
            c -> c.create(CreateSandboxParams.builder().putMetadata("", "v").build())),
        bad(
            "blank env name",
            "envs",
            c -> c.create(CreateSandboxParams.builder().putEnv(" ", "v").build())),
        bad(
            "null env value",
            "envs",
            c -> c.create(CreateSandboxParams.builder().putEnv("K", null).build())),
        bad(
            "autoResume without autoPause",
            "autoResume",
            c -> c.create(CreateSandboxParams.builder().autoResume(true).build())),
        bad(
            "zero connect lifetime",
            "timeout",
            c -> c.connect("sbx1", ConnectSandboxParams.builder().timeout(Duration.ZERO).build())),
        bad("null connect params", "params", c -> c.connect("sbx1", null)),
        bad("negative setTimeout", "timeout", c -> c.setTimeout("sbx1", Duration.ofMillis(-1))),
        bad("null setTimeout", "timeout", c -> c.setTimeout("sbx1", null)),
        bad(
            "negative maxRetries per call",
            "maxRetries",
            c -> c.withOptions(o -> o.maxRetries(-1))),
        bad(
            "negative request timeout per call",
            "requestTimeout",
            c -> c.withOptions(o -> o.requestTimeout(Duration.ofSeconds(-1)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRejectedBeforeAnyRequest(String name, String argument, Consumer<SandboxClient> call) {
    int before = api.server.getRequestCount();
    assertThatThrownBy(() -> call.accept(client))
        .isInstanceOf(SandboxConfigurationException.class)
        .hasMessageContaining(argument);
    assertThat(api.server.getRequestCount()).isEqualTo(before);
  }

  static Stream<Arguments> badClientSettings() {
    return Stream.of(
        Arguments.of(
            "no credentials",
            "NOVITA_API_KEY",
            (Consumer<SandboxClient.Builder>) b -> b.apiKey(null)),
        Arguments.of(
            "blank credentials",
            "NOVITA_API_KEY",
            (Consumer<SandboxClient.Builder>) b -> b.apiKey("  ")),
        Arguments.of(
            "unparseable API URL",
            "apiUrl",
            (Consumer<SandboxClient.Builder>) b -> b.apiUrl("http://exa mple.com")),
        Arguments.of(
            "API URL with another scheme",
            "apiUrl",
            (Consumer<SandboxClient.Builder>) b -> b.apiUrl("ftp://example.com")),
        Arguments.of(
            "API URL with a query",
            "apiUrl",
            (Consumer<SandboxClient.Builder>) b -> b.apiUrl("http://example.com/?x=1")),
        Arguments.of(
            "negative request timeout",
            "requestTimeout",
            (Consumer<SandboxClient.Builder>) b -> b.requestTimeout(Duration.ofSeconds(-1))),
        Arguments.of(
            "null request timeout",
            "requestTimeout",
            (Consumer<SandboxClient.Builder>) b -> b.requestTimeout(null)),
        Arguments.of(
            "negative call timeout",
            "callTimeout",
            (Consumer<SandboxClient.Builder>) b -> b.callTimeout(Duration.ofSeconds(-1))),
        Arguments.of(
            "negative maxRetries",
            "maxRetries",
            (Consumer<SandboxClient.Builder>) b -> b.maxRetries(-1)),
        Arguments.of(
            "null header value",
            "header",
            (Consumer<SandboxClient.Builder>) b -> b.header("X-Team", null)),
        Arguments.of(
            "null environment",
            "environment",
            (Consumer<SandboxClient.Builder>) b -> b.environment(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badClientSettings")
  void badClientSettingsFailInBuild(
      String name, String argument, Consumer<SandboxClient.Builder> customize) {
    assertThatThrownBy(() -> api.client(b -> customize.accept(b.maxRetries(0))))
        .isInstanceOf(SandboxConfigurationException.class)
        .hasMessageContaining(argument);
  }

  @Test
  void aPortOutsideTheRangeIsRejectedByGetHost() {
    api.enqueue(201, MockApi.CREATED);
    Sandbox sandbox = client.create();
    assertThatThrownBy(() -> sandbox.getHost(0))
        .isInstanceOf(SandboxConfigurationException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> sandbox.getHost(65536))
        .isInstanceOf(SandboxConfigurationException.class);
  }

  @Test
  void unmodifiableViewsAreReturned() {
    SandboxListQuery query = SandboxListQuery.builder().putMetadata("k", "v").build();
    assertThatThrownBy(() -> query.metadata().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(Collections.unmodifiableMap(query.metadata())).containsEntry("k", "v");
  }
}
