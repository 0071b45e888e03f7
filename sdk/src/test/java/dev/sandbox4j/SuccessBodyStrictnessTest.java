package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.SandboxProtocolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server's 2xx body is read strictly: a number that does not fit its field, and JSON that only a
 * lenient parser accepts, are protocol errors naming what is wrong, never a silently wrong value (a
 * hostile or broken server, played by MockWebServer).
 */
class SuccessBodyStrictnessTest {
  private static final String ITEM = MockApi.listed("sbx1", "running");
  private final MockApi api;

  SuccessBodyStrictnessTest() throws Exception {
    api = new MockApi();
  }

  @AfterEach
  void close() {
    api.close();
  }

  @ParameterizedTest
  @CsvSource({
    "cpuCount, 1e999",
    "memoryMB, 99999999999999999999999",
    "cpuCount, 2.5",
    "memoryMB, 2147483648",
    "cpuCount, -1",
    "diskSizeMB, -1024",
    "diskSizeMB, 0.5",
    "memoryMB, '\"512\"'"
  })
  void aNumberThatDoesNotFitItsFieldIsAProtocolErrorNamingIt(String field, String value) {
    String item = ITEM.replaceFirst("\"" + field + "\":[^,}]+", "\"" + field + "\":" + value);
    assertThat(item).contains("\"" + field + "\":" + value);
    api.enqueue(200, "[" + item + "]");
    api.enqueue(200, item);
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(() -> client.list().nextItems())
          .isInstanceOf(SandboxProtocolException.class)
          .hasMessageContaining("field " + field);
      assertThatThrownBy(() -> client.getInfo("sbx1"))
          .isInstanceOf(SandboxProtocolException.class)
          .hasMessageContaining("field " + field);
    }
  }

  @Test
  void wholeNumbersWrittenAsDecimalsStillRead() {
    api.enqueue(200, "[" + ITEM.replace("\"cpuCount\":2", "\"cpuCount\":2.0") + "]");
    try (SandboxClient client = api.client()) {
      assertThat(client.list().nextItems().get(0).cpuCount()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ")]}'\n[ITEM]",
        "[ITEM] trailing",
        "[ITEM],[]",
        "/* comment */[ITEM]",
        "[ITEM,]",
        "SINGLE",
        "UNQUOTED",
        "DUPLICATE"
      })
  void lenientJsonIsAProtocolError(String shape) {
    String body =
        shape
            .replace("SINGLE", "[" + ITEM.replace('"', '\'') + "]")
            .replace("UNQUOTED", "[" + ITEM.replace("\"sandboxID\"", "sandboxID") + "]")
            .replace("DUPLICATE", "[" + ITEM.replace("{", "{\"state\":\"paused\",") + "]")
            .replace("ITEM", ITEM);
    api.enqueue(200, body);
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(() -> client.list().nextItems())
          .isInstanceOf(SandboxProtocolException.class)
          .hasMessageStartingWith("list sandboxes failed: unreadable response");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {")]}'\nBODY", "BODY x", "SINGLE"})
  void lenientJsonFromCreateIsAProtocolError(String shape) {
    String body =
        shape
            .replace("SINGLE", MockApi.CREATED.replace('"', '\''))
            .replace("BODY", MockApi.CREATED);
    api.enqueue(201, body);
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(() -> client.create(CreateSandboxParams.builder().build()))
          .isInstanceOf(SandboxProtocolException.class);
    }
  }
}
