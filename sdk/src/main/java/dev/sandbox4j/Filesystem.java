package dev.sandbox4j;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.sandbox4j.errors.ConflictException;
import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.errors.SandboxFileNotFoundException;
import dev.sandbox4j.errors.SandboxNotFoundException;
import dev.sandbox4j.errors.SandboxProtocolException;
import dev.sandbox4j.internal.Args;
import dev.sandbox4j.internal.CallScope;
import dev.sandbox4j.internal.ConnectStream;
import dev.sandbox4j.internal.DataPlaneStatus.Route;
import dev.sandbox4j.internal.EnvdVersion;
import dev.sandbox4j.internal.FileSignature;
import dev.sandbox4j.internal.Operation;
import dev.sandbox4j.internal.ProtoJson;
import dev.sandbox4j.internal.SandboxTransport;
import dev.sandbox4j.internal.StrictJson;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * The filesystem of a sandbox ({@code sandbox.files()}): read and write files of any size
 * (streamed, never buffered whole unless a {@code String} or {@code byte[]} is asked for), list,
 * inspect, create, move, remove and watch. Calls run as the template's default user; {@link
 * #asUser(String)} gives a view that runs as another. Thread-safe.
 *
 * <p>Reads and the inspecting calls are retried like the control plane's safe calls; writes are
 * retried only when they surely never reached the sandbox.
 */
public final class Filesystem {
  private static final String FILESYSTEM = "filesystem.Filesystem/";
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private static final Operation READ = Operation.safe("read file in sandbox");
  private static final Operation WRITE =
      Operation.unsafe(
          "write file in sandbox",
          "the file may have been written anyway: files().getInfo(path) shows it");
  private static final Operation STAT = Operation.safe("get file info in sandbox");
  private static final Operation LIST = Operation.safe("list directory in sandbox");

  /** A replay after a lost answer would report the directory as already there. */
  private static final Operation MAKE_DIR =
      Operation.unsafe(
          "make directory in sandbox",
          "the directory may have been created anyway: files().exists(path) shows it");

  private static final Operation RENAME =
      Operation.unsafe(
          "rename file in sandbox",
          "the file may have been renamed anyway: files().exists(newPath) shows it");
  private static final Operation REMOVE = Operation.safe("remove file in sandbox");
  static final Operation WATCH = Operation.safe("watch directory in sandbox");
  private static final Operation HEALTH = Operation.safe("check health of sandbox");
  private static final Operation METRICS = Operation.safe("get metrics of sandbox");

  private final SandboxTransport transport;
  private final String user;

  Filesystem(SandboxTransport transport, String user) {
    this.transport = transport;
    this.user = user;
  }

  /**
   * Returns a view of this filesystem whose calls run as another user.
   *
   * @param user the user, e.g. {@code root}
   * @return the view
   */
  public Filesystem asUser(String user) {
    return new Filesystem(transport, Args.nonBlank(user, "user"));
  }

  private String effectiveUser() {
    return transport.effectiveUser(user);
  }

  // ---- reading ----

  /**
   * Reads a text file (UTF-8).
   *
   * @param path the file's path; a relative one is under the user's home
   * @return the content
   * @throws SandboxFileNotFoundException when it does not exist
   * @throws dev.sandbox4j.errors.InvalidArgumentException when it is a directory
   */
  public String read(String path) {
    return new String(readBytes(path), StandardCharsets.UTF_8);
  }

  /**
   * Reads a file's bytes.
   *
   * @param path the file's path
   * @return the content
   */
  public byte[] readBytes(String path) {
    return readBytes(path, null);
  }

  private byte[] readBytes(String path, CallScope scope) {
    return transport.unaryHttp(
        READ, downloadRequest(path), Route.FILES_HTTP, scope, true, r -> r.body().bytes());
  }

  /**
   * Opens a file for reading as a stream, without holding it in memory; close the stream when done.
   * A failure while reading surfaces as an {@link IOException} from the stream.
   *
   * @param path the file's path
   * @return the open stream
   */
  public InputStream readStream(String path) {
    Response response =
        transport.exchange(
            READ,
            downloadRequest(path),
            transport.http().unaryClient(),
            Route.FILES_HTTP,
            null,
            null,
            null,
            true,
            true,
            r -> r);
    return new FilterInputStream(response.body().byteStream()) {
      @Override
      public void close() throws IOException {
        response.close();
      }
    };
  }

  /**
   * Reads a text file without blocking the caller; cancelling the future stops the transfer.
   *
   * @param path the file's path
   * @return the future content
   */
  public CompletableFuture<String> readAsync(String path) {
    Args.nonNull(path, "path");
    return async(scope -> new String(readBytes(path, scope), StandardCharsets.UTF_8));
  }

  private Request downloadRequest(String path) {
    Args.nonNull(path, "path");
    HttpUrl.Builder url = transport.envdUrl("files");
    addQuery(url, "path", path);
    String name = effectiveUser();
    if (name != null) {
      addQuery(url, "username", name);
    }
    return transport.envdHttp(url.build()).get().build();
  }

  // ---- writing ----

  /**
   * Writes text (UTF-8) to a file, creating it and its parent directories or replacing it.
   *
   * @param path the file's path; a relative one is under the user's home
   * @param text the content
   * @return what was written
   * @throws dev.sandbox4j.errors.NotEnoughSpaceException when the sandbox's disk is full
   */
  public WriteInfo write(String path, String text) {
    return write(path, Args.nonNull(text, "text").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes bytes to a file.
   *
   * @param path the file's path
   * @param data the content
   * @return what was written
   */
  public WriteInfo write(String path, byte[] data) {
    Args.nonNull(data, "data");
    return writeOne(path, RequestBody.create(data, OCTET_STREAM), false, true, null);
  }

  /**
   * Writes a local file's content, streamed.
   *
   * @param path the target path in the sandbox
   * @param localFile the file to send
   * @return what was written
   */
  public WriteInfo write(String path, Path localFile) {
    Args.nonNull(localFile, "localFile");
    if (!Files.isRegularFile(localFile)) {
      throw new SandboxConfigurationException("localFile is not a readable file: " + localFile);
    }
    RequestBody body =
        new OctetStreamBody() {
          @Override
          public long contentLength() throws IOException {
            return Files.size(localFile);
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            try (Source source = Okio.source(localFile)) {
              sink.writeAll(source);
            }
          }
        };
    return writeOne(path, body, true, true, null);
  }

  /**
   * Writes everything a stream holds, streamed without buffering it whole; the stream is read to
   * its end but not closed. A stream cannot be sent twice, so this write is never retried.
   *
   * @param path the target path in the sandbox
   * @param data the content
   * @return what was written
   */
  public WriteInfo write(String path, InputStream data) {
    Args.nonNull(data, "data");
    RequestBody body =
        new OctetStreamBody() {
          @Override
          public boolean isOneShot() {
            return true;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            sink.writeAll(Okio.source(data));
          }
        };
    return writeOne(path, body, true, false, null);
  }

  /**
   * Writes bytes to a file without blocking the caller; cancelling the future stops the transfer
   * (the file may then be partly written).
   *
   * @param path the file's path
   * @param data the content
   * @return the future result
   */
  public CompletableFuture<WriteInfo> writeAsync(String path, byte[] data) {
    Args.nonNull(path, "path");
    Args.nonNull(data, "data");
    return async(
        scope -> writeOne(path, RequestBody.create(data, OCTET_STREAM), false, true, scope));
  }

  /**
   * Writes several files in one multipart request.
   *
   * @param entries the files; an empty list sends nothing
   * @return what was written, one per file
   */
  public List<WriteInfo> write(List<WriteEntry> entries) {
    Args.nonNull(entries, "entries");
    if (entries.isEmpty()) {
      return List.of();
    }
    MultipartBody.Builder multipart = new MultipartBody.Builder().setType(MultipartBody.FORM);
    for (WriteEntry entry : entries) {
      Args.nonNull(entry, "entries item");
      multipart.addFormDataPart(
          "file", entry.path(), RequestBody.create(entry.data(), OCTET_STREAM));
    }
    HttpUrl.Builder url = transport.envdUrl("files");
    addUser(url);
    return upload(url.build(), multipart.build(), true, null);
  }

  /**
   * Writes one file: as a raw body when it is streamed and the daemon takes raw bodies (envd 0.5.7
   * and later), else as a one-part multipart form, as the official SDK does.
   */
  private WriteInfo writeOne(
      String path, RequestBody content, boolean streamed, boolean replayable, CallScope scope) {
    Args.nonNull(path, "path");
    HttpUrl.Builder url = transport.envdUrl("files");
    addQuery(url, "path", path);
    addUser(url);
    RequestBody body;
    if (streamed && EnvdVersion.atLeast(transport.envdVersion(), EnvdVersion.OCTET_STREAM_UPLOAD)) {
      body = content;
    } else {
      body =
          new MultipartBody.Builder()
              .setType(MultipartBody.FORM)
              .addFormDataPart("file", path, content)
              .build();
    }
    List<WriteInfo> written = upload(url.build(), body, replayable, scope);
    if (written.isEmpty()) {
      throw new SandboxProtocolException(
          "write file in sandbox " + transport.sandboxId() + " failed: the answer listed no file",
          null,
          1);
    }
    return written.get(0);
  }

  private List<WriteInfo> upload(
      HttpUrl url, RequestBody body, boolean replayable, CallScope scope) {
    Request request = transport.envdHttp(url).post(body).build();
    // A caller's stream cannot be sent twice: it gets one attempt.
    return transport.unaryHttp(
        WRITE, request, Route.FILES_HTTP, scope, replayable, Filesystem::writeInfos);
  }

  private static List<WriteInfo> writeInfos(Response response) throws IOException {
    JsonElement json = StrictJson.parse(SandboxTransport.boundedString(response), "the response");
    List<WriteInfo> result = new ArrayList<>();
    JsonArray items = json.isJsonArray() ? json.getAsJsonArray() : new JsonArray();
    if (json.isJsonObject()) {
      items.add(json);
    }
    for (JsonObject item : ProtoJson.objects(items)) {
      result.add(
          new WriteInfo(
              ProtoJson.text(item, "path"),
              ProtoJson.text(item, "name"),
              FileType.fromWire(ProtoJson.text(item, "type"))));
    }
    return result;
  }

  private void addUser(HttpUrl.Builder url) {
    String name = effectiveUser();
    if (name != null) {
      addQuery(url, "username", name);
    }
  }

  /** Encodes a query value as the official SDK's URLSearchParams does ({@code /} as %2F). */
  private static void addQuery(HttpUrl.Builder url, String name, String value) {
    url.addEncodedQueryParameter(name, URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  // ---- signed URLs ----

  /**
   * Returns a URL that downloads a file with a plain GET, signed when the sandbox has an access
   * token (so it works without one), valid until revoked.
   *
   * @param path the file's path
   * @return the URL
   */
  public String downloadUrl(String path) {
    return fileUrl(path, "read", null);
  }

  /**
   * Returns a signed download URL that stops working after {@code expiry}.
   *
   * @param path the file's path
   * @param expiry how long the URL works
   * @return the URL
   * @throws SandboxConfigurationException when the sandbox has no access token to sign with
   */
  public String downloadUrl(String path, Duration expiry) {
    return fileUrl(path, "read", Args.nonNull(expiry, "expiry"));
  }

  /**
   * Returns a URL that uploads a file with a multipart POST, signed when the sandbox has an access
   * token.
   *
   * @param path the target path
   * @return the URL
   */
  public String uploadUrl(String path) {
    return fileUrl(path, "write", null);
  }

  /**
   * Returns a signed upload URL that stops working after {@code expiry}.
   *
   * @param path the target path
   * @param expiry how long the URL works
   * @return the URL
   */
  public String uploadUrl(String path, Duration expiry) {
    return fileUrl(path, "write", Args.nonNull(expiry, "expiry"));
  }

  private String fileUrl(String path, String operation, Duration expiry) {
    Args.nonNull(path, "path");
    String token = transport.accessTokenForSigning();
    if (expiry != null && token == null) {
      throw new SandboxConfigurationException(
          "an expiring URL needs a signature, and sandbox "
              + transport.sandboxId()
              + " has no access token (it was created with secure(false))");
    }
    String name = effectiveUser();
    HttpUrl.Builder url = transport.envdUrl("files");
    if (name != null) {
      addQuery(url, "username", name);
    }
    addQuery(url, "path", path);
    if (token != null) {
      Long expiration = expiry == null ? null : Instant.now().plus(expiry).getEpochSecond();
      String signature =
          FileSignature.sign(path, operation, name == null ? "" : name, token, expiration);
      transport.rememberSecret(signature); // masked wherever a server or log echoes the URL
      addQuery(url, "signature", signature);
      if (expiration != null) {
        addQuery(url, "signature_expiration", Long.toString(expiration));
      }
    }
    return url.build().toString();
  }

  // ---- inspecting and changing ----

  /**
   * Lists a directory's entries (not recursive).
   *
   * @param path the directory
   * @return its entries, of every type (links and unknown types included)
   */
  public List<EntryInfo> list(String path) {
    return list(path, 1);
  }

  /**
   * Lists a directory down to a depth.
   *
   * @param path the directory
   * @param depth 1 for its own entries, 2 to include its subdirectories' entries, ...
   * @return the entries
   * @throws SandboxFileNotFoundException when it does not exist
   */
  public List<EntryInfo> list(String path, int depth) {
    if (depth < 1) {
      throw new SandboxConfigurationException("depth must be at least 1, got " + depth);
    }
    JsonObject body = pathBody(path);
    body.addProperty("depth", depth);
    JsonObject answer = rpc(LIST, "ListDir", body);
    List<EntryInfo> entries = new ArrayList<>();
    for (JsonObject entry : ProtoJson.objects(answer.get("entries"))) {
      entries.add(EntryInfo.fromWire(entry));
    }
    return entries;
  }

  /**
   * Returns whether a path exists.
   *
   * @param path the path
   * @return whether it exists
   */
  public boolean exists(String path) {
    try {
      getInfo(path);
      return true;
    } catch (SandboxFileNotFoundException missing) {
      return false;
    }
  }

  /**
   * Describes a path.
   *
   * @param path the path
   * @return its entry
   * @throws SandboxFileNotFoundException when it does not exist
   */
  public EntryInfo getInfo(String path) {
    return entry(rpc(STAT, "Stat", pathBody(path)));
  }

  /**
   * Creates a directory and any missing parents.
   *
   * @param path the directory
   * @return true if it was created, false if it already existed
   */
  public boolean makeDir(String path) {
    try {
      rpc(MAKE_DIR, "MakeDir", pathBody(path));
      return true;
    } catch (ConflictException exists) {
      return false;
    }
  }

  /**
   * Renames (moves) a path, creating the destination's parents.
   *
   * @param oldPath the current path
   * @param newPath the new path
   * @return the entry at its new path
   */
  public EntryInfo rename(String oldPath, String newPath) {
    JsonObject body = new JsonObject();
    body.addProperty("source", Args.nonNull(oldPath, "oldPath"));
    body.addProperty("destination", Args.nonNull(newPath, "newPath"));
    return entry(rpc(RENAME, "Move", body));
  }

  /**
   * Removes a file or a directory with everything in it; a missing path is not an error.
   *
   * @param path the path
   */
  public void remove(String path) {
    rpc(REMOVE, "Remove", pathBody(path));
  }

  /**
   * Watches a directory for 60 s (the default options).
   *
   * @param path the directory
   * @param onEvent called with each change, in order, on the watch's own thread
   * @return the running watch
   */
  public WatchHandle watchDir(String path, Consumer<FilesystemEvent> onEvent) {
    return watchDir(path, onEvent, WatchOptions.defaults());
  }

  /**
   * Watches a directory; returns once the watch is armed.
   *
   * @param path the directory; it must exist
   * @param onEvent called with each change, in order, on the watch's own thread
   * @param options recursion, time limit, end callback
   * @return the running watch
   * @throws SandboxConfigurationException when a recursive watch needs a newer daemon
   */
  public WatchHandle watchDir(
      String path, Consumer<FilesystemEvent> onEvent, WatchOptions options) {
    Args.nonNull(onEvent, "onEvent");
    Args.nonNull(options, "options");
    if (options.recursive()
        && !EnvdVersion.atLeast(transport.envdVersion(), EnvdVersion.RECURSIVE_WATCH)) {
      throw new SandboxConfigurationException(
          "a recursive watch needs envd "
              + EnvdVersion.RECURSIVE_WATCH
              + " or later; sandbox "
              + transport.sandboxId()
              + " runs "
              + transport.envdVersion());
    }
    JsonObject body = pathBody(path);
    if (options.recursive()) {
      body.addProperty("recursive", true);
    }
    ConnectStream stream =
        transport.stream(
            WATCH,
            FILESYSTEM + "WatchDir",
            body,
            effectiveUser(),
            Route.FILESYSTEM_RPC,
            options.timeout(),
            null,
            null,
            null);
    try {
      JsonObject first = stream.first(transport.http().settings().requestTimeout());
      if (first == null || !ProtoJson.has(first, "start")) {
        throw new SandboxProtocolException(
            "watch directory in sandbox "
                + transport.sandboxId()
                + " failed: the stream did not begin with a start event",
            null,
            1);
      }
    } catch (Exception e) {
      stream.close();
      throw transport.mapFailure(WATCH, e);
    }
    return new WatchHandle(stream, transport, onEvent, options);
  }

  // ---- health and metrics (served by the same daemon) ----

  boolean isRunning() {
    try {
      // One attempt: a daemon that does not answer is the answer.
      return transport.unaryHttp(HEALTH, envdGet("health"), Route.HTTP, null, false, r -> true);
    } catch (SandboxNotFoundException gone) {
      return false;
    }
  }

  SandboxMetrics metrics() {
    if (!EnvdVersion.atLeast(transport.envdVersion(), EnvdVersion.METRICS)) {
      throw new SandboxConfigurationException(
          "metrics need envd "
              + EnvdVersion.METRICS
              + " or later; sandbox "
              + transport.sandboxId()
              + " runs "
              + transport.envdVersion());
    }
    return transport.unaryHttp(
        METRICS,
        envdGet("metrics"),
        Route.HTTP,
        response ->
            new SandboxMetrics(
                SandboxTransport.parseObject(SandboxTransport.boundedString(response))));
  }

  // ---- helpers ----

  /** A raw-bytes body written from a caller's source as it is sent. */
  private abstract static class OctetStreamBody extends RequestBody {
    @Override
    public MediaType contentType() {
      return OCTET_STREAM;
    }
  }

  private Request envdGet(String path) {
    return transport.envdHttp(transport.envdUrl(path).build()).get().build();
  }

  private JsonObject rpc(Operation operation, String method, JsonObject body) {
    return transport.unary(
        operation, FILESYSTEM + method, body, effectiveUser(), Route.FILESYSTEM_RPC, null);
  }

  private static JsonObject pathBody(String path) {
    JsonObject body = new JsonObject();
    body.addProperty("path", Args.nonNull(path, "path"));
    return body;
  }

  private EntryInfo entry(JsonObject answer) {
    if (!ProtoJson.has(answer, "entry")) {
      throw new SandboxProtocolException(
          "the daemon of sandbox " + transport.sandboxId() + " answered without an entry", null, 1);
    }
    return EntryInfo.fromWire(ProtoJson.object(answer, "entry"));
  }

  private <T> CompletableFuture<T> async(java.util.function.Function<CallScope, T> work) {
    return transport.http().cancellableAsync(work);
  }

  @Override
  public String toString() {
    return "Filesystem{sandboxId="
        + transport.sandboxId()
        + (user == null ? "" : ", user=" + user)
        + "}";
  }
}
