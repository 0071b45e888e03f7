package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sandbox's files over /files and filesystem.Filesystem, seen by commands too, in each isolation
 * mode.
 */
class SandboxFilesTest {

  private static final long QUOTA = 8L << 20;
  private static final IsolationModes MODES =
      new IsolationModes(LocalSandboxServer.builder().diskQuotaBytes(QUOTA));

  static List<Isolation> modes() {
    return IsolationModes.available();
  }

  @AfterAll
  static void closeServers() {
    MODES.close();
  }

  private static EnvdTestClient sandbox(Isolation mode) {
    LocalSandboxServer server = MODES.server(mode);
    return EnvdTestClient.of(server, TestHttp.to(server).create());
  }

  @ParameterizedTest
  @MethodSource("modes")
  void uploadsAsMultipartAndOctetStreamAndCommandsSeeTheFiles(Isolation mode) {
    EnvdTestClient envd = sandbox(mode);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("/home/user/docs/a.txt", "alpha\n".getBytes(StandardCharsets.UTF_8));
    files.put("b.txt", "beta\n".getBytes(StandardCharsets.UTF_8)); // relative: under home
    EnvdTestClient.Reply multi =
        envd.upload(
            "/files?username=user",
            "multipart/form-data; boundary=XyZ",
            EnvdTestClient.multipart("XyZ", files));
    assertThat(multi.status()).as(multi.body()).isEqualTo(200);
    assertThat(multi.body())
        .isEqualTo(
            "[{\"path\":\"/home/user/docs/a.txt\",\"name\":\"a.txt\",\"type\":\"file\"},"
                + "{\"path\":\"/home/user/b.txt\",\"name\":\"b.txt\",\"type\":\"file\"}]");
    EnvdTestClient.Reply raw =
        envd.upload(
            "/files?path=%2Fhome%2Fuser%2Fraw.bin",
            "application/octet-stream", new byte[] {0, 1, 2, (byte) 255});
    assertThat(raw.status()).as(raw.body()).isEqualTo(200);

    EnvdTestClient.Run run = envd.run("cat docs/a.txt b.txt; od -An -tx1 raw.bin");
    assertThat(run.stdout()).isEqualTo("alpha\nbeta\n 00 01 02 ff\n");

    envd.run("printf 'from a command' > made.txt");
    EnvdTestClient.Reply read = envd.get("/files?path=made.txt", Map.of());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body()).isEqualTo("from a command");
    assertThat(read.header("Content-Type")).isEqualTo("text/plain");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void downloadsGzipWhenAskedAndUploadsGzipBodies(Isolation mode) throws Exception {
    EnvdTestClient envd = sandbox(mode);
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write("zipped content".getBytes(StandardCharsets.UTF_8));
    }
    EnvdTestClient up = envd.withHeader("Content-Encoding", "gzip");
    assertThat(
            up.upload("/files?path=z.txt", "application/octet-stream", zipped.toByteArray())
                .status())
        .isEqualTo(200);

    EnvdTestClient.Reply reply =
        envd.get("/files?path=z.txt", Map.of("Accept-Encoding", "gzip, deflate"));
    assertThat(reply.header("Content-Encoding")).isEqualTo("gzip");
    try (GZIPInputStream in =
        new GZIPInputStream(new java.io.ByteArrayInputStream(reply.bytes()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("zipped content");
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void statMakeDirListMoveAndRemoveAnswerAsEnvd(Isolation mode) {
    EnvdTestClient envd = sandbox(mode);
    EnvdTestClient.Reply made = envd.unary("filesystem.Filesystem/MakeDir", "{\"path\":\"~/p/q\"}");
    assertThat(made.status()).as(made.body()).isEqualTo(200);
    JsonObject entry = made.object().getAsJsonObject("entry");
    assertThat(entry.get("path").getAsString()).isEqualTo("/home/user/p/q");
    assertThat(entry.get("type").getAsString()).isEqualTo("FILE_TYPE_DIRECTORY");
    assertThat(entry.get("permissions").getAsString()).startsWith("d");
    assertThat(
            envd.unary("filesystem.Filesystem/MakeDir", "{\"path\":\"p/q\"}")
                .object()
                .get("code")
                .getAsString())
        .isEqualTo("already_exists");

    envd.upload(
        "/files?path=p/q/f.txt",
        "application/octet-stream",
        "12345".getBytes(StandardCharsets.UTF_8));
    JsonObject stat =
        envd.unary("filesystem.Filesystem/Stat", "{\"path\":\"/home/user/p/q/f.txt\"}")
            .object()
            .getAsJsonObject("entry");
    assertThat(stat.get("size").getAsString()).isEqualTo("5");
    assertThat(stat.get("type").getAsString()).isEqualTo("FILE_TYPE_FILE");
    assertThat(stat.get("name").getAsString()).isEqualTo("f.txt");
    assertThat(stat.get("mode").getAsInt())
        .isEqualTo(
            stat.get("permissions").getAsString().equals("-rw-r--r--")
                ? 420
                : stat.get("mode").getAsInt());
    assertThat(stat.get("modifiedTime").getAsString())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");

    assertThat(
            names(
                envd.unary("filesystem.Filesystem/ListDir", "{\"path\":\"/home/user/p\"}")
                    .object()))
        .containsExactly("/home/user/p/q");
    assertThat(
            names(
                envd.unary(
                        "filesystem.Filesystem/ListDir", "{\"path\":\"/home/user/p\",\"depth\":2}")
                    .object()))
        .containsExactly("/home/user/p/q", "/home/user/p/q/f.txt");

    JsonObject moved =
        envd.unary(
                "filesystem.Filesystem/Move",
                "{\"source\":\"p/q/f.txt\",\"destination\":\"/home/user/r/g.txt\"}")
            .object();
    assertThat(moved.getAsJsonObject("entry").get("path").getAsString())
        .isEqualTo("/home/user/r/g.txt");
    assertThat(envd.run("cat ~/r/g.txt").stdout()).isEqualTo("12345");

    assertThat(envd.unary("filesystem.Filesystem/Remove", "{\"path\":\"r\"}").status())
        .isEqualTo(200);
    assertThat(envd.unary("filesystem.Filesystem/Remove", "{\"path\":\"r\"}").status())
        .isEqualTo(200); // missing: fine
    EnvdTestClient.Reply missing = envd.unary("filesystem.Filesystem/Stat", "{\"path\":\"r\"}");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.object().get("code").getAsString()).isEqualTo("not_found");
    assertThat(envd.get("/files?path=r/g.txt", Map.of()).status()).isEqualTo(404);
    assertThat(envd.get("/files?path=p", Map.of()).status()).isEqualTo(400);
    envd.upload("/files?path=plain.txt", "application/octet-stream", new byte[] {1});
    EnvdTestClient.Reply underAFile =
        envd.upload("/files?path=plain.txt%2Finner", "application/octet-stream", new byte[] {2});
    assertThat(underAFile.status()).as(underAFile.body()).isEqualTo(400);
    assertThat(underAFile.object().get("message").getAsString()).contains("plain.txt/inner");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void pathsNeverLeaveTheSandbox(Isolation mode) {
    EnvdTestClient envd = sandbox(mode);
    EnvdTestClient.Reply traversal = envd.get("/files?path=..%2F..%2F..%2Fetc%2Fpasswd", Map.of());
    assertThat(traversal.status()).as(traversal.body()).isEqualTo(403);
    assertThat(traversal.object().get("message").getAsString()).contains("outside the sandbox");
    EnvdTestClient.Reply up =
        envd.upload(
            "/files?path=%2Fhome%2Fuser%2F..%2F..%2Fescape.txt",
            "application/octet-stream", new byte[] {1});
    assertThat(up.status()).isEqualTo(403);

    envd.run(
        "ln -s /etc/passwd out-abs; ln -s ../../../../../../etc out-rel; ln -s inside.txt ok-link;"
            + " echo hi > inside.txt");
    for (String link : List.of("out-abs", "out-rel/passwd")) {
      EnvdTestClient.Reply reply = envd.get("/files?path=" + link, Map.of());
      assertThat(reply.status()).as(link + ": " + reply.body()).isIn(403, 404);
      assertThat(reply.body()).doesNotContain("root:");
    }
    assertThat(envd.get("/files?path=ok-link", Map.of()).body()).isEqualTo("hi\n");
    JsonObject link =
        envd.unary("filesystem.Filesystem/Stat", "{\"path\":\"ok-link\"}")
            .object()
            .getAsJsonObject("entry");
    assertThat(link.get("symlinkTarget").getAsString()).isEqualTo("/home/user/inside.txt");
    assertThat(link.get("permissions").getAsString()).startsWith("L");
    EnvdTestClient.Reply listing =
        envd.unary("filesystem.Filesystem/ListDir", "{\"path\":\"/home/user\",\"depth\":3}");
    assertThat(listing.status()).isEqualTo(200);
    assertThat(listing.body()).doesNotContain("/home/user/out-rel/passwd");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void malformedUploadsGetA400AndWriteNothing(Isolation mode) {
    EnvdTestClient envd = sandbox(mode);
    byte[] noBoundary = "just bytes".getBytes(StandardCharsets.UTF_8);
    byte[] endless =
        ("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\nno end")
            .getBytes(StandardCharsets.UTF_8);
    byte[] hugeHeaders =
        ("--b\r\nX: " + "h".repeat(100_000) + "\r\n\r\nbody\r\n--b--\r\n")
            .getBytes(StandardCharsets.UTF_8);
    for (byte[] body : List.of(noBoundary, endless, hugeHeaders)) {
      EnvdTestClient.Reply reply =
          envd.upload("/files?path=m.txt", "multipart/form-data; boundary=b", body);
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
      assertThat(reply.object().get("message").getAsString())
          .startsWith("malformed multipart body");
    }
    assertThat(envd.upload("/files?path=m.txt", "multipart/form-data", noBoundary).status())
        .isEqualTo(400);
    assertThat(envd.upload("/files?path=m.txt", "text/plain", noBoundary).status()).isEqualTo(400);
    assertThat(
            envd.upload("/files", "application/octet-stream", noBoundary)
                .object()
                .get("message")
                .getAsString())
        .isEqualTo("path query parameter is required for raw body upload");
    assertThat(
            envd.withHeader("Content-Encoding", "gzip")
                .upload("/files?path=m.txt", "application/octet-stream", noBoundary)
                .status())
        .isEqualTo(400);
    assertThat(envd.unary("filesystem.Filesystem/Stat", "{\"path\":\"m.txt\"}").status())
        .isEqualTo(404);
    EnvdTestClient.Reply badJson = envd.unary("filesystem.Filesystem/Stat", "{not json");
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.object().get("code").getAsString()).isEqualTo("invalid_argument");
    assertThat(envd.unary("filesystem.Filesystem/Stat", "{\"path\":42}").status())
        .isEqualTo(404); // "42" under home
    assertThat(
            envd.unary("filesystem.Filesystem/Stat", "{\"path\":[1]}")
                .object()
                .get("code")
                .getAsString())
        .isEqualTo("invalid_argument");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void uploadsOverTheQuotaGet507AndLeaveNothingBehind(Isolation mode) {
    EnvdTestClient envd = sandbox(mode);
    byte[] big = new byte[(int) QUOTA + 1];
    EnvdTestClient.Reply raw = envd.upload("/files?path=big.bin", "application/octet-stream", big);
    assertThat(raw.status()).isEqualTo(507);
    assertThat(raw.object().get("message").getAsString())
        .isEqualTo("not enough disk space available");
    EnvdTestClient.Reply multi =
        envd.upload(
            "/files",
            "multipart/form-data; boundary=b",
            EnvdTestClient.multipart("b", Map.of("big.bin", big)));
    assertThat(multi.status()).isEqualTo(507);
    assertThat(envd.unary("filesystem.Filesystem/Stat", "{\"path\":\"big.bin\"}").status())
        .isEqualTo(404);

    byte[] half = new byte[(int) (QUOTA / 2) + 1024];
    assertThat(envd.upload("/files?path=one.bin", "application/octet-stream", half).status())
        .isEqualTo(200);
    assertThat(envd.upload("/files?path=two.bin", "application/octet-stream", half).status())
        .isEqualTo(507);
    assertThat(envd.run("ls").stdout()).isEqualTo("one.bin\n");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void watchDirStreamsCreateWriteAndRemoveRecursively(Isolation mode) throws Exception {
    EnvdTestClient envd = sandbox(mode);
    envd.unary("filesystem.Filesystem/MakeDir", "{\"path\":\"w/sub\"}");
    try (EnvdTestClient.Stream watch =
        envd.stream(
            "filesystem.Filesystem/WatchDir",
            "{\"path\":\"/home/user/w\",\"recursive\":true}",
            Map.of("Keepalive-Ping-Interval", "50"))) {
      assertThat(watch.next().json().has("start")).isTrue();
      envd.run("echo x > w/new.txt; echo y >> w/new.txt; echo z > w/sub/deep.txt; rm w/new.txt");
      List<String> seen = new ArrayList<>();
      while (seen.size() < 20
          && !(seen.contains("EVENT_TYPE_REMOVE new.txt")
              && seen.contains("EVENT_TYPE_CREATE sub/deep.txt"))) {
        JsonObject event = watch.next().json().getAsJsonObject("filesystem");
        seen.add(event.get("type").getAsString() + " " + event.get("name").getAsString());
      }
      assertThat(seen)
          .contains(
              "EVENT_TYPE_CREATE new.txt",
              "EVENT_TYPE_WRITE new.txt",
              "EVENT_TYPE_CREATE sub/deep.txt",
              "EVENT_TYPE_REMOVE new.txt");
    }

    String id =
        envd.unary("filesystem.Filesystem/CreateWatcher", "{\"path\":\"w\"}")
            .object()
            .get("watcherId")
            .getAsString();
    envd.run("touch w/polled.txt");
    Thread.sleep(200);
    JsonArray events =
        envd.unary("filesystem.Filesystem/GetWatcherEvents", "{\"watcherId\":\"" + id + "\"}")
            .object()
            .getAsJsonArray("events");
    assertThat(events.toString()).contains("polled.txt").contains("EVENT_TYPE_CREATE");
    assertThat(
            envd.unary("filesystem.Filesystem/RemoveWatcher", "{\"watcherId\":\"" + id + "\"}")
                .status())
        .isEqualTo(200);
    assertThat(
            envd.unary("filesystem.Filesystem/GetWatcherEvents", "{\"watcherId\":\"" + id + "\"}")
                .status())
        .isEqualTo(404);
    EnvdTestClient.Run missing;
    try (EnvdTestClient.Stream watch =
        envd.stream("filesystem.Filesystem/WatchDir", "{\"path\":\"nope\"}", Map.of())) {
      EnvdTestClient.Message end = watch.next();
      assertThat(end.endStream()).isTrue();
      assertThat(end.json().getAsJsonObject("error").get("code").getAsString())
          .isEqualTo("not_found");
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void namesThatAreNotUtf8DoNotBreakListing(Isolation mode) {
    EnvdTestClient envd = sandbox(mode);
    envd.run("mkdir odd; touch odd/$'\\xff\\xfe'.bin odd/fine.txt odd/日本.txt");

    EnvdTestClient.Reply listing =
        envd.unary("filesystem.Filesystem/ListDir", "{\"path\":\"odd\"}");

    assertThat(listing.status()).as(listing.body()).isEqualTo(200);
    assertThat(names(listing.object()))
        .contains("/home/user/odd/fine.txt", "/home/user/odd/日本.txt");
  }

  private static List<String> names(JsonObject listDir) {
    List<String> paths = new ArrayList<>();
    listDir
        .getAsJsonArray("entries")
        .forEach(e -> paths.add(e.getAsJsonObject().get("path").getAsString()));
    return paths;
  }
}
