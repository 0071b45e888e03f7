package dev.sandbox4j;

import static dev.sandbox4j.MockSandbox.json;
import static dev.sandbox4j.MockSandbox.stream;
import static dev.sandbox4j.MockSandbox.streamResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import dev.sandbox4j.errors.InvalidArgumentException;
import dev.sandbox4j.errors.NotEnoughSpaceException;
import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.errors.SandboxException;
import dev.sandbox4j.errors.SandboxFileNotFoundException;
import dev.sandbox4j.errors.ServerException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@code sandbox.files()} puts on the wire and how it reads the daemon's answers. */
class FilesystemWireTest {
  private static final String WRITTEN =
      "[{\"path\":\"/home/user/a.txt\",\"name\":\"a.txt\",\"type\":\"file\"}]";
  private static final String ENTRY =
      "{\"name\":\"a.txt\",\"type\":\"FILE_TYPE_FILE\",\"path\":\"/home/user/a.txt\",\"size\":\"13\","
          + "\"mode\":420,\"permissions\":\"-rw-r--r--\",\"owner\":\"user\",\"group\":\"user\","
          + "\"modifiedTime\":\"2024-05-01T10:00:00.123456789Z\"}";

  private final MockSandbox mock;

  FilesystemWireTest() throws Exception {
    mock = new MockSandbox();
  }

  @AfterEach
  void close() throws Exception {
    mock.close();
  }

  /** The daemon labels its upload answer text/plain: it must be read anyway. */
  private void enqueueWritten() {
    mock.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "text/plain; charset=utf-8")
            .body(WRITTEN)
            .build());
  }

  @Test
  void writeOfTextIsAOnePartMultipartWithThePathInQueryAndFileName() throws Exception {
    enqueueWritten();

    WriteInfo info = mock.sandbox.files().write("/home/user/a.txt", "hello");

    assertThat(info.path()).isEqualTo("/home/user/a.txt");
    assertThat(info.type()).isEqualTo(FileType.FILE);
    RecordedRequest request = mock.take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/files?path=%2Fhome%2Fuser%2Fa.txt");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("multipart/form-data");
    assertThat(request.getHeaders().get("X-Access-Token")).isEqualTo(MockSandbox.TOKEN);
    assertThat(request.getHeaders().get("Novita-Sandbox-Id")).isEqualTo("sbx1");
    assertThat(request.getHeaders().get("Novita-Sandbox-Port")).isEqualTo("49983");
    assertThat(request.getHeaders().get("X-Novita-SDK-Name")).isNull();
    String body = request.getBody().utf8();
    assertThat(body)
        .contains("Content-Disposition: form-data; name=\"file\"; filename=\"/home/user/a.txt\"")
        .contains("Content-Type: application/octet-stream")
        .contains("\r\n\r\nhello\r\n");
  }

  @Test
  void writeOfAStreamIsARawBodyOnNewDaemons() throws Exception {
    enqueueWritten();
    InputStream data = new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8));

    mock.sandbox.files().asUser("root").write("/home/user/a.txt", data);

    RecordedRequest request = mock.take();
    assertThat(request.getTarget()).isEqualTo("/files?path=%2Fhome%2Fuser%2Fa.txt&username=root");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(request.getBody().utf8()).isEqualTo("streamed");
  }

  @Test
  void writeOfAStreamIsMultipartOnOldDaemons() throws Exception {
    try (MockSandbox old = new MockSandbox("0.5.6", 0)) {
      old.enqueue(json(200, WRITTEN));

      old.sandbox.files().write("a.txt", new ByteArrayInputStream(new byte[] {1, 2}));

      assertThat(old.take().getHeaders().get("Content-Type")).startsWith("multipart/form-data");
    }
  }

  @Test
  void oldDaemonsGetTheUserNamedUser() throws Exception {
    try (MockSandbox old = new MockSandbox("0.3.9", 0)) {
      old.enqueue(new MockResponse.Builder().body("x").build());
      old.sandbox.files().read("a.txt");
      assertThat(old.take().getTarget()).isEqualTo("/files?path=a.txt&username=user");
    }
  }

  @Test
  void manyFilesGoInOneRequestWithoutAQueryPath() throws Exception {
    mock.enqueue(
        json(
            200,
            "[{\"path\":\"/home/user/a\",\"name\":\"a\",\"type\":\"file\"},"
                + "{\"path\":\"/home/user/b\",\"name\":\"b\",\"type\":\"file\"}]"));

    List<WriteInfo> written =
        mock.sandbox
            .files()
            .write(List.of(WriteEntry.of("a", "1"), WriteEntry.of("b", new byte[] {2})));

    assertThat(written).extracting(WriteInfo::name).containsExactly("a", "b");
    RecordedRequest request = mock.take();
    assertThat(request.getTarget()).isEqualTo("/files");
    String body = request.getBody().utf8();
    assertThat(body).contains("filename=\"a\"").contains("filename=\"b\"");
    assertThat(mock.sandbox.files().write(List.of())).isEmpty();
  }

  @Test
  void readSendsPathAndReturnsTheBytes() throws Exception {
    mock.enqueue(new MockResponse.Builder().body("héllo").build());

    String text = mock.sandbox.files().read("/home/user/a b.txt");

    assertThat(text).isEqualTo("héllo");
    RecordedRequest request = mock.take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/files?path=%2Fhome%2Fuser%2Fa+b.txt");
    assertThat(request.getHeaders().get("X-Access-Token")).isEqualTo(MockSandbox.TOKEN);
  }

  @Test
  void readStreamDeliversALargeBodyWithoutTheControlPlanesSizeCap() throws Exception {
    byte[] big = new byte[20 * 1024 * 1024];
    big[big.length - 1] = 7;
    mock.enqueue(new MockResponse.Builder().body(new Buffer().write(big)).build());

    long total = 0;
    int last = -1;
    try (InputStream in = mock.sandbox.files().readStream("big.bin")) {
      byte[] chunk = new byte[64 * 1024];
      for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
        total += n;
        last = chunk[n - 1];
      }
    }

    assertThat(total).isEqualTo(big.length);
    assertThat(last).isEqualTo(7);
  }

  @Test
  void fileErrorsAreTyped() {
    mock.enqueue(json(404, "{\"code\":404,\"message\":\"path '/x' does not exist\"}"));
    mock.enqueue(json(400, "{\"code\":400,\"message\":\"path '/home' is a directory\"}"));
    mock.enqueue(json(507, "{\"code\":507,\"message\":\"not enough disk space available\"}"));

    assertThatThrownBy(() -> mock.sandbox.files().read("/x"))
        .isInstanceOf(SandboxFileNotFoundException.class)
        .hasMessageContaining("path '/x' does not exist");
    assertThatThrownBy(() -> mock.sandbox.files().readBytes("/home"))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> mock.sandbox.files().write("/a", "x"))
        .isInstanceOf(NotEnoughSpaceException.class);
  }

  @Test
  void readsAreRetriedAndWritesAreNotReplayedAfterAGatewayError() throws Exception {
    try (MockSandbox retrying = new MockSandbox("0.5.7", 2)) {
      retrying.enqueue(json(503, "{\"code\":503,\"message\":\"busy\"}"));
      retrying.enqueue(new MockResponse.Builder().body("ok").build());
      retrying.enqueue(json(502, "{\"code\":502,\"message\":\"bad gateway\"}"));

      assertThat(retrying.sandbox.files().read("a")).isEqualTo("ok");
      assertThatThrownBy(() -> retrying.sandbox.files().write("a", "x"))
          .isInstanceOf(SandboxException.class)
          .satisfies(e -> assertThat(((SandboxException) e).attempts()).isEqualTo(1));
      assertThat(retrying.server.getRequestCount()).isEqualTo(1 + 3); // create + 2 reads + 1 write
    }
  }

  @Test
  void listKeepsEveryEntryTypeAndReadsSizesAsStringOrNumber() throws Exception {
    mock.enqueue(
        json(
            200,
            "{\"entries\":["
                + ENTRY
                + ",{\"name\":\"l\",\"type\":\"FILE_TYPE_SYMLINK\",\"path\":\"/home/user/l\","
                + "\"size\":7,\"symlinkTarget\":\"/etc/x\"},"
                + "{\"name\":\"q\",\"type\":\"FILE_TYPE_QUANTUM\",\"path\":\"/home/user/q\"}]}"));

    List<EntryInfo> entries = mock.sandbox.files().list("/home/user", 2);

    assertThat(entries)
        .extracting(EntryInfo::type)
        .containsExactly(FileType.FILE, FileType.SYMLINK, FileType.UNKNOWN);
    EntryInfo file = entries.get(0);
    assertThat(file.size()).isEqualTo(13);
    assertThat(file.mode()).isEqualTo(0644);
    assertThat(file.modifiedTime()).contains(Instant.parse("2024-05-01T10:00:00.123456789Z"));
    assertThat(entries.get(1).size()).isEqualTo(7);
    assertThat(entries.get(1).symlinkTarget()).contains("/etc/x");
    assertThat(entries.get(2).rawType()).isEqualTo("FILE_TYPE_QUANTUM");
    RecordedRequest request = mock.take();
    assertThat(request.getTarget()).isEqualTo("/filesystem.Filesystem/ListDir");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("Connect-Protocol-Version")).isEqualTo("1");
    assertThat(JsonParser.parseString(request.getBody().utf8()))
        .isEqualTo(JsonParser.parseString("{\"path\":\"/home/user\",\"depth\":2}"));
    assertThatThrownBy(() -> mock.sandbox.files().list("/", 0))
        .isInstanceOf(SandboxConfigurationException.class);
  }

  @Test
  void statMakeDirMoveAndRemoveReadTheirSpecialAnswers() throws Exception {
    mock.enqueue(json(404, "{\"code\":\"not_found\",\"message\":\"file not found: /x\"}"));
    mock.enqueue(json(200, "{\"entry\":" + ENTRY + "}"));
    mock.enqueue(json(409, "{\"code\":\"already_exists\",\"message\":\"exists\"}"));
    mock.enqueue(json(200, "{\"entry\":" + ENTRY + "}"));
    mock.enqueue(json(200, "{\"entry\":" + ENTRY + "}"));
    mock.enqueue(json(200, "{}"));

    assertThat(mock.sandbox.files().exists("/x")).isFalse();
    assertThat(mock.sandbox.files().getInfo("/home/user/a.txt").owner()).isEqualTo("user");
    assertThat(mock.sandbox.files().makeDir("/home/user")).isFalse();
    assertThat(mock.sandbox.files().asUser("root").makeDir("/home/user/new")).isTrue();
    assertThat(mock.sandbox.files().rename("/a", "/home/user/a.txt").path())
        .isEqualTo("/home/user/a.txt");
    mock.sandbox.files().remove("/home/user/a.txt");

    assertThat(mock.take().getTarget()).isEqualTo("/filesystem.Filesystem/Stat");
    mock.take();
    mock.take();
    RecordedRequest makeDir = mock.take();
    assertThat(makeDir.getTarget()).isEqualTo("/filesystem.Filesystem/MakeDir");
    assertThat(makeDir.getHeaders().get("Authorization")).isEqualTo("Basic cm9vdDo=");
    RecordedRequest move = mock.take();
    assertThat(JsonParser.parseString(move.getBody().utf8()))
        .isEqualTo(
            JsonParser.parseString("{\"source\":\"/a\",\"destination\":\"/home/user/a.txt\"}"));
    assertThat(mock.take().getTarget()).isEqualTo("/filesystem.Filesystem/Remove");
  }

  @Test
  void watchDeliversEventsInOrderAndReportsItsEnd() throws Exception {
    mock.enqueue(
        streamResponse(
            stream(
                "{\"start\":{}}",
                "{\"filesystem\":{\"name\":\"x.txt\",\"type\":\"EVENT_TYPE_CREATE\"}}",
                "{\"keepalive\":{}}",
                "{\"filesystem\":{\"name\":\"x.txt\",\"type\":\"EVENT_TYPE_WRITE\"}}",
                "{}")));
    List<FilesystemEvent> events = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    AtomicReference<SandboxException> exit = new AtomicReference<>();

    WatchHandle handle =
        mock.sandbox
            .files()
            .watchDir(
                "/home/user",
                events::add,
                WatchOptions.builder()
                    .recursive(true)
                    .onExit(
                        e -> {
                          exit.set(e);
                          ended.countDown();
                        })
                    .build());

    assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
    handle.stop();
    assertThat(exit.get()).isNull();
    assertThat(events)
        .containsExactly(
            new FilesystemEvent("x.txt", FilesystemEventType.CREATE),
            new FilesystemEvent("x.txt", FilesystemEventType.WRITE));
    RecordedRequest request = mock.take();
    assertThat(request.getTarget()).isEqualTo("/filesystem.Filesystem/WatchDir");
    assertThat(request.getBody().substring(5).utf8())
        .isEqualTo("{\"path\":\"/home/user\",\"recursive\":true}");
  }

  @Test
  void aWatchWhoseCallbackThrowsEndsAndSaysWhy() throws Exception {
    mock.enqueue(
        streamResponse(
            stream(
                "{\"start\":{}}",
                "{\"filesystem\":{\"name\":\"x\",\"type\":\"EVENT_TYPE_CREATE\"}}",
                "{}")));
    CountDownLatch ended = new CountDownLatch(1);
    AtomicReference<SandboxException> exit = new AtomicReference<>();

    mock.sandbox
        .files()
        .watchDir(
            "/home/user",
            event -> {
              throw new IllegalStateException("callback broke");
            },
            WatchOptions.builder()
                .onExit(
                    e -> {
                      exit.set(e);
                      ended.countDown();
                    })
                .build());

    assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(exit.get()).hasMessageContaining("callback broke");
    assertThat(exit.get().getCause()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void signedUrlsFollowTheSignatureRecipe() {
    String url = mock.sandbox.files().downloadUrl("/home/user/a.txt");
    assertThat(url)
        .startsWith(
            mock.server.url("/").toString() + "files?path=%2Fhome%2Fuser%2Fa.txt&signature=v1_");
    String expiring = mock.sandbox.files().asUser("root").uploadUrl("/a", Duration.ofMinutes(5));
    assertThat(expiring)
        .contains("username=root&path=%2Fa&signature=v1_")
        .contains("&signature_expiration=");
    assertThat(expiring).doesNotContain(MockSandbox.TOKEN);
  }

  @Test
  void healthAndMetrics() throws Exception {
    mock.enqueue(new MockResponse.Builder().code(204).build());
    mock.enqueue(
        json(
            502,
            "{\"sandboxId\":\"sbx1\",\"message\":\"The sandbox was not found\",\"code\":502}"));
    mock.enqueue(
        json(
            200,
            "{\"ts\":1714557600,\"cpu_count\":2,\"cpu_used_pct\":12.5,\"mem_total\":1024,"
                + "\"mem_used\":512,\"disk_used\":1,\"disk_total\":2}"));
    mock.enqueue(json(500, "{\"code\":500,\"message\":\"boom\"}"));

    assertThat(mock.sandbox.isRunning()).isTrue();
    assertThat(mock.sandbox.isRunning()).isFalse();
    SandboxMetrics metrics = mock.sandbox.getMetrics();
    assertThat(metrics.cpuCount()).isEqualTo(2);
    assertThat(metrics.cpuUsedPercent()).isEqualTo(12.5);
    assertThat(metrics.memoryUsed()).isEqualTo(512);
    assertThat(metrics.timestamp()).contains(Instant.ofEpochSecond(1714557600));
    assertThatThrownBy(mock.sandbox::getMetrics).isInstanceOf(ServerException.class);
    assertThat(mock.take().getTarget()).isEqualTo("/health");
  }

  @Test
  void asyncReadAndWriteUseTheSamePath() throws Exception {
    mock.enqueue(new MockResponse.Builder().body("async").build());
    enqueueWritten();

    assertThat(mock.sandbox.files().readAsync("a").get(5, TimeUnit.SECONDS)).isEqualTo("async");
    assertThat(mock.sandbox.files().writeAsync("a", new byte[] {1}).get(5, TimeUnit.SECONDS).name())
        .isEqualTo("a.txt");
  }
}
