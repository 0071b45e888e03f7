package dev.sandbox4j;

import static dev.sandbox4j.MockSandbox.END_OK;
import static dev.sandbox4j.MockSandbox.START;
import static dev.sandbox4j.MockSandbox.json;
import static dev.sandbox4j.MockSandbox.stdout;
import static dev.sandbox4j.MockSandbox.stream;
import static dev.sandbox4j.MockSandbox.streamResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import dev.sandbox4j.errors.CommandExitException;
import dev.sandbox4j.errors.InvalidArgumentException;
import dev.sandbox4j.errors.SandboxException;
import dev.sandbox4j.errors.SandboxNotFoundException;
import dev.sandbox4j.errors.SandboxProtocolException;
import dev.sandbox4j.errors.SandboxTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@code sandbox.commands()} puts on the wire and how it reads the daemon's streams. */
class CommandsWireTest {
  private final MockSandbox mock;

  CommandsWireTest() throws Exception {
    mock = new MockSandbox();
  }

  @AfterEach
  void close() throws Exception {
    mock.close();
  }

  private void enqueueRun(String... messages) {
    mock.enqueue(streamResponse(stream(messages)));
  }

  @Test
  void startIsTheOfficialSdksEnvelopeByteForByte() throws Exception {
    enqueueRun(START, stdout("hello\n"), END_OK, "{}");

    CommandResult result =
        mock.sandbox
            .commands()
            .run("echo hello", CommandOptions.builder().cwd("/tmp").envs(Map.of("A", "1")).build());

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo("hello\n");
    assertThat(result.error()).isEmpty();
    RecordedRequest request = mock.take();
    String json =
        "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"echo hello\"],"
            + "\"envs\":{\"A\":\"1\"},\"cwd\":\"/tmp\"},\"stdin\":false}";
    ByteString expected = new Buffer().writeByte(0).writeInt(107).writeUtf8(json).readByteString();
    assertThat(expected.size()).isEqualTo(112);
    assertThat(request.getBody()).isEqualTo(expected);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/process.Process/Start");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/connect+json");
    assertThat(request.getHeaders().get("Connect-Protocol-Version")).isEqualTo("1");
    assertThat(request.getHeaders().get("Connect-Timeout-Ms")).isEqualTo("60000");
    assertThat(request.getHeaders().get("Keepalive-Ping-Interval")).isEqualTo("50");
    assertThat(request.getHeaders().get("X-Access-Token")).isEqualTo(MockSandbox.TOKEN);
    assertThat(request.getHeaders().get("Novita-Sandbox-Id")).isEqualTo("sbx1");
    assertThat(request.getHeaders().get("Novita-Sandbox-Port")).isEqualTo("49983");
    assertThat(request.getHeaders().get("X-Novita-SDK-Name")).isEqualTo("sdk_java");
    assertThat(request.getHeaders().get("X-API-Key")).isNull();
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void userGoesInABasicHeaderAndZeroTimeoutOmitsTheDeadline() throws Exception {
    enqueueRun(START, END_OK, "{}");

    mock.sandbox
        .commands()
        .run("id", CommandOptions.builder().user("root").timeout(Duration.ZERO).build());

    RecordedRequest request = mock.take();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic cm9vdDo=");
    assertThat(request.getHeaders().get("Connect-Timeout-Ms")).isNull();
  }

  @Test
  void envelopesSplitAcrossReadsAreReassembled() throws Exception {
    Buffer body =
        stream(
            START,
            "{\"event\":{\"keepalive\":{}}}",
            stdout("one\n"),
            "{\"event\":{\"data\":{\"stderr\":\"ZXJyCg==\"}},\"unknownField\":[1,2]}",
            stdout("two\n"),
            END_OK,
            "{}");
    mock.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/connect+json")
            .body(body)
            .throttleBody(3, 5, TimeUnit.MILLISECONDS)
            .build());

    CommandResult result = mock.sandbox.commands().run("x");

    assertThat(result.stdout()).isEqualTo("one\ntwo\n");
    assertThat(result.stderr()).isEqualTo("err\n");
  }

  @Test
  void aCharacterSplitAcrossTwoChunksArrivesWhole() throws Exception {
    enqueueRun(
        START,
        MockSandbox.data("stdout", new byte[] {'c', 'a', 'f', (byte) 0xc3}),
        MockSandbox.data("stdout", new byte[] {(byte) 0xa9, '\n'}),
        END_OK,
        "{}");
    List<String> chunks = new CopyOnWriteArrayList<>();

    CommandResult result =
        mock.sandbox.commands().run("x", CommandOptions.builder().onStdout(chunks::add).build());

    assertThat(result.stdout()).isEqualTo("café\n");
    assertThat(chunks).containsExactly("caf", "é\n");
  }

  @Test
  void aCallbacksOwnExceptionReachesTheCaller() {
    enqueueRun(START, stdout("x"), END_OK, "{}");
    IllegalStateException mine = new IllegalStateException("mine");

    assertThatThrownBy(
            () ->
                mock.sandbox
                    .commands()
                    .run(
                        "x",
                        CommandOptions.builder()
                            .onStdout(
                                chunk -> {
                                  throw mine;
                                })
                            .build()))
        .isSameAs(mine);
  }

  @Test
  void aNonZeroExitThrowsWithTheOutput() {
    enqueueRun(
        START,
        stdout("partial\n"),
        "{\"event\":{\"end\":{\"exitCode\":2,\"exited\":true,\"status\":\"exit status 2\","
            + "\"error\":\"exit status 2\"}}}",
        "{}");

    assertThatThrownBy(() -> mock.sandbox.commands().run("false"))
        .isInstanceOfSatisfying(
            CommandExitException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(2);
              assertThat(e.stdout()).isEqualTo("partial\n");
              assertThat(e.error()).contains("exit status 2");
            });
  }

  @Test
  void anEndStreamErrorIsTypedByItsCode() {
    enqueueRun(
        "{\"error\":{\"code\":\"invalid_argument\",\"message\":\"cwd '/nope' does not exist\"}}");

    assertThatThrownBy(
            () -> mock.sandbox.commands().run("ls", CommandOptions.builder().cwd("/nope").build()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("[invalid_argument] cwd '/nope' does not exist");
  }

  @Test
  void aDeadlineSaysHowToLiftIt() {
    enqueueRun(
        START,
        "{\"error\":{\"code\":\"deadline_exceeded\",\"message\":\"the operation timed out\"}}");

    assertThatThrownBy(() -> mock.sandbox.commands().run("sleep 100"))
        .isInstanceOf(SandboxTimeoutException.class)
        .hasMessageContaining("Duration.ZERO");
  }

  @Test
  void aStreamCutShortFailsWithoutHanging() throws Exception {
    try (MockSandbox cut = new MockSandbox()) {
      Buffer body = new Buffer();
      body.writeAll(MockSandbox.envelope(0, START));
      body.writeAll(MockSandbox.envelope(0, stdout("x")));
      cut.enqueue(streamResponse(body));

      assertThatThrownBy(() -> cut.sandbox.commands().run("x"))
          .isInstanceOf(SandboxProtocolException.class)
          .hasMessageContaining("without its final message");
    }
  }

  @Test
  void aStreamThatNeverStartsTimesOutAfterTheRequestTimeout() {
    mock.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/connect+json")
            .body(stream(START, END_OK, "{}"))
            .bodyDelay(3, TimeUnit.SECONDS)
            .build());

    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                mock.sandbox
                    .commands()
                    .run(
                        "x",
                        CommandOptions.builder().requestTimeout(Duration.ofMillis(300)).build()))
        .isInstanceOf(SandboxTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aGoneSandboxAtStreamStartIsNotFound() {
    mock.enqueue(
        json(
            502,
            "{\"sandboxId\":\"sbx1\",\"message\":\"The sandbox was not found\",\"code\":502}"));

    assertThatThrownBy(() -> mock.sandbox.commands().run("x"))
        .isInstanceOfSatisfying(
            SandboxNotFoundException.class, e -> assertThat(e.sandboxId()).isEqualTo("sbx1"));
  }

  @Test
  void anUnauthorizedStreamIsAnAuthenticationErrorWithoutTheToken() {
    mock.enqueue(json(401, "{\"code\":401,\"message\":\"bad token " + MockSandbox.TOKEN + "\"}"));

    assertThatThrownBy(() -> mock.sandbox.commands().run("x"))
        .isInstanceOf(dev.sandbox4j.errors.AuthenticationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(MockSandbox.TOKEN));
  }

  @Test
  void sixStreamsRunAtOnceToOneSandbox() throws Exception {
    for (int i = 0; i < 6; i++) {
      Buffer body = stream(START, stdout("a".repeat(400)), END_OK, "{}");
      mock.enqueue(
          new MockResponse.Builder()
              .setHeader("Content-Type", "application/connect+json")
              .body(body)
              .throttleBody(64, 100, TimeUnit.MILLISECONDS)
              .build());
    }
    List<CommandHandle> handles = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      handles.add(mock.sandbox.commands().start("x"));
    }
    // All six were admitted while every one of them was still streaming.
    assertThat(handles).allSatisfy(h -> assertThat(h.exitCode()).isEmpty());
    for (CommandHandle handle : handles) {
      assertThat(handle.waitFor().stdout()).hasSize(400);
    }
  }

  @Test
  void backgroundHandleKillsSendsStdinAndDisconnects() throws Exception {
    mock.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/connect+json")
            .body(stream(START, stdout("x"), END_OK, "{}"))
            .throttleBody(40, 2, TimeUnit.SECONDS)
            .build());
    mock.enqueue(json(200, "{}"));
    mock.enqueue(json(200, "{}"));

    CommandHandle handle =
        mock.sandbox.commands().start("cat", CommandOptions.builder().stdin(true).build());
    handle.sendStdin("abc\n");
    boolean killed = handle.kill();
    handle.disconnect();

    assertThat(handle.pid()).isEqualTo(42);
    assertThat(killed).isTrue();
    assertThatThrownBy(handle::waitFor)
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("disconnected");
    RecordedRequest start = mock.take();
    assertThat(
            JsonParser.parseString(start.getBody().utf8().substring(5))
                .getAsJsonObject()
                .get("stdin")
                .getAsBoolean())
        .isTrue();
    RecordedRequest input = mock.take();
    assertThat(input.getTarget()).isEqualTo("/process.Process/SendInput");
    assertThat(input.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(input.getHeaders().get("Authorization")).isNull();
    assertThat(JsonParser.parseString(input.getBody().utf8()))
        .isEqualTo(
            JsonParser.parseString(
                "{\"process\":{\"pid\":42},\"input\":{\"stdin\":\"YWJjCg==\"}}"));
    RecordedRequest signal = mock.take();
    assertThat(signal.getTarget()).isEqualTo("/process.Process/SendSignal");
    assertThat(JsonParser.parseString(signal.getBody().utf8()))
        .isEqualTo(
            JsonParser.parseString("{\"process\":{\"pid\":42},\"signal\":\"SIGNAL_SIGKILL\"}"));
  }

  @Test
  void killOfAMissingProcessIsFalse() {
    mock.enqueue(
        json(404, "{\"code\":\"not_found\",\"message\":\"process with pid 7 not found\"}"));

    assertThat(mock.sandbox.commands().kill(7)).isFalse();
  }

  @Test
  void listReadsProcessesWithUnknownFields() throws Exception {
    mock.enqueue(
        json(
            200,
            "{\"processes\":[{\"config\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"sleep 100\"],"
                + "\"envs\":{\"A\":\"1\"},\"cwd\":\"/home/user\"},\"pid\":\"42\",\"tag\":\"start-cmd\","
                + "\"future\":true}]}"));

    List<ProcessInfo> processes = mock.sandbox.commands().list();

    assertThat(processes).hasSize(1);
    ProcessInfo info = processes.get(0);
    assertThat(info.pid()).isEqualTo(42);
    assertThat(info.tag()).contains("start-cmd");
    assertThat(info.args()).containsExactly("-l", "-c", "sleep 100");
    assertThat(info.envs()).containsEntry("A", "1");
    assertThat(info.cwd()).contains("/home/user");
    RecordedRequest request = mock.take();
    assertThat(request.getTarget()).isEqualTo("/process.Process/List");
    assertThat(request.getBody().utf8()).isEqualTo("{}");
  }

  @Test
  void runAsyncCompletesOnTheSamePath() throws Exception {
    enqueueRun(START, stdout("hi"), END_OK, "{}");

    CommandResult result =
        mock.sandbox.commands().runAsync("x", CommandOptions.defaults()).get(5, TimeUnit.SECONDS);

    assertThat(result.stdout()).isEqualTo("hi");
  }

  @Test
  void cancellingAnAsyncRunStopsItsStream() throws Exception {
    // The start event arrives within a second; the keepalives after it would take half a minute.
    String[] messages = new String[33];
    messages[0] = START;
    java.util.Arrays.fill(messages, 1, 31, "{\"event\":{\"keepalive\":{}}}");
    messages[31] = END_OK;
    messages[32] = "{}";
    mock.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/connect+json")
            .body(stream(messages))
            .throttleBody(35, 1, TimeUnit.SECONDS)
            .build());
    java.util.concurrent.CompletableFuture<CommandResult> future =
        mock.sandbox.commands().runAsync("sleep 10", CommandOptions.defaults());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (readerThreads() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(readerThreads()).isEqualTo(1);

    assertThat(future.cancel(true)).isTrue();

    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (readerThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(readerThreads()).isZero();
    assertThat(future).isCancelled();
  }

  private static long readerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("sandbox4j-command-42-") && t.isAlive())
        .count();
  }

  @Test
  void connectAttachesByPid() throws Exception {
    enqueueRun(START, stdout("later\n"), END_OK, "{}");

    CommandResult result = mock.sandbox.commands().connect(42).waitFor();

    assertThat(result.stdout()).isEqualTo("later\n");
    RecordedRequest request = mock.take();
    assertThat(request.getTarget()).isEqualTo("/process.Process/Connect");
    assertThat(request.getBody().substring(5).utf8()).isEqualTo("{\"process\":{\"pid\":42}}");
  }
}
