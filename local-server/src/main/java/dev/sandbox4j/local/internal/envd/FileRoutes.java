package dev.sandbox4j.local.internal.envd;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.sandbox4j.local.internal.runtime.Failure;
import dev.sandbox4j.local.internal.runtime.LocalSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLConnection;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * envd's plain HTTP routes: {@code /files} download and upload (multipart or raw octet-stream, gzip
 * either way), {@code /health}, {@code /envs} and {@code /metrics}. Uploads are written to a
 * staging file first and counted against the sandbox's disk quota (507 when it is full), so a
 * failed upload never leaves half a file behind.
 */
final class FileRoutes {

  /** Room for multipart framing on top of the file bytes when checking the quota. */
  private static final long MULTIPART_OVERHEAD = 64 * 1024;

  private static final int CHUNK = 64 * 1024;
  private static final long MAX_DISCARDED_BYTES = 4L << 30;

  private FileRoutes() {}

  static void download(EnvdExchange exchange, LocalSandbox sandbox) throws IOException {
    String path = sandbox.paths().resolve(exchange.query("path").orElse(""));
    Path host = sandbox.paths().host(path, true);
    if (Files.isDirectory(host)) {
      throw new HttpError(400, "path '" + path + "' is a directory");
    }
    if (!Files.exists(host)) {
      throw new HttpError(404, "path '" + path + "' does not exist");
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    String type = URLConnection.guessContentTypeFromName(name);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Disposition", "inline; filename=\"" + name.replace("\"", "%22") + "\"");
    boolean gzip =
        exchange.header("Accept-Encoding").orElse("").toLowerCase(Locale.ROOT).contains("gzip");
    String contentType = type == null ? "application/octet-stream" : type;
    if (!Files.isReadable(host)) {
      throw new HttpError(403, "path '" + path + "' is not readable");
    }
    if (!gzip) {
      sendFile(exchange, host, Files.size(host), contentType, headers);
      return;
    }
    headers.put("Content-Encoding", "gzip");
    OutputStream raw = exchange.startChunked(200, contentType, headers);
    try (InputStream in = Files.newInputStream(host)) {
      GZIPOutputStream out =
          new GZIPOutputStream(new WatchedOutput(raw, exchange.watchdog()), CHUNK);
      in.transferTo(out);
      out.finish();
    }
    exchange
        .watchdog()
        .run(
            () -> {
              raw.close();
              return null;
            });
  }

  private static void sendFile(
      EnvdExchange exchange, Path host, long length, String type, Map<String, String> headers)
      throws IOException {
    OutputStream out = exchange.startFixed(200, type, headers, length);
    try (InputStream in = Files.newInputStream(host)) {
      in.transferTo(new WatchedOutput(out, exchange.watchdog()));
    }
    exchange
        .watchdog()
        .run(
            () -> {
              out.close();
              return null;
            });
  }

  static void upload(EnvdExchange exchange, LocalSandbox sandbox) throws IOException {
    try {
      receiveAndPlace(exchange, sandbox);
    } catch (HttpError | Failure refused) {
      discardRest(exchange); // the client then reads the answer instead of a reset connection
      throw refused;
    }
  }

  /**
   * Reads what is left of a refused upload's body (at most {@value #MAX_DISCARDED_BYTES} bytes), so
   * the client, which sends its whole body before it reads, gets the answer.
   */
  private static void discardRest(EnvdExchange exchange) throws IOException {
    InputStream in = exchange.rawBody();
    byte[] buffer = new byte[CHUNK];
    long discarded = 0;
    int n;
    while (discarded < MAX_DISCARDED_BYTES
        && (n = exchange.watchdog().call(() -> in.read(buffer))) >= 0) {
      discarded += n;
    }
  }

  private static void receiveAndPlace(EnvdExchange exchange, LocalSandbox sandbox)
      throws IOException {
    String contentType = exchange.header("Content-Type").orElse("");
    String lower = contentType.toLowerCase(Locale.ROOT);
    boolean raw = lower.startsWith("application/octet-stream");
    if (!raw && !lower.startsWith("multipart/form-data")) {
      throw new HttpError(400, "unsupported content type: '" + contentType + "'");
    }
    java.util.Optional<String> queryPath = exchange.query("path").filter(p -> !p.isEmpty());
    if (raw && queryPath.isEmpty()) {
      throw new HttpError(400, "path query parameter is required for raw body upload");
    }
    long free = sandbox.diskQuotaBytes() - sandbox.diskUsedBytes();
    long allowed = raw ? free : free + MULTIPART_OVERHEAD;
    long declared = exchange.header("Content-Length").map(FileRoutes::parseLength).orElse(-1L);
    boolean gzip =
        exchange.header("Content-Encoding").orElse("").toLowerCase(Locale.ROOT).contains("gzip");
    if (!gzip && declared > allowed) {
      throw new HttpError(507, "not enough disk space available");
    }
    Path staged;
    try {
      staged = sandbox.newStagingFile();
    } catch (IOException e) {
      throw new HttpError(500, "cannot store the upload: " + reason(e));
    }
    try {
      receive(exchange, gzip, staged, allowed);
      List<Map.Entry<String, Path>> written =
          raw
              ? List.of(place(sandbox, queryPath.get(), staged, 0, Files.size(staged), true))
              : placeParts(sandbox, contentType, queryPath, staged, free);
      JsonArray result = new JsonArray();
      for (Map.Entry<String, Path> file : written) {
        JsonObject info = new JsonObject();
        info.addProperty("path", file.getKey());
        info.addProperty("name", file.getKey().substring(file.getKey().lastIndexOf('/') + 1));
        info.addProperty("type", "file");
        result.add(info);
      }
      exchange.send(200, EnvdExchange.JSON, result.toString().getBytes(StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(staged);
    }
  }

  private static List<Map.Entry<String, Path>> placeParts(
      LocalSandbox sandbox,
      String contentType,
      java.util.Optional<String> queryPath,
      Path staged,
      long free)
      throws IOException {
    String boundary = boundary(contentType);
    List<Map.Entry<String, Path>> written = new java.util.ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<MultipartBody.Part> parts = MultipartBody.parts(staged, boundary);
    long fileBytes =
        parts.stream()
            .filter(p -> p.name().equals("file"))
            .mapToLong(p -> p.end() - p.start())
            .sum();
    if (fileBytes > free) {
      throw new HttpError(507, "not enough disk space available");
    }
    for (MultipartBody.Part part : parts) {
      if (!part.name().equals("file")) {
        continue;
      }
      String target = queryPath.orElseGet(() -> part.filename().orElse(""));
      String resolved = sandbox.paths().resolve(target);
      if (!seen.add(resolved)) {
        throw new HttpError(
            400,
            "you cannot upload multiple files to the same path '"
                + resolved
                + "' in one upload request");
      }
    }
    for (MultipartBody.Part part : parts) {
      if (part.name().equals("file")) {
        String target = queryPath.orElseGet(() -> part.filename().orElse(""));
        written.add(place(sandbox, target, staged, part.start(), part.end(), false));
      }
    }
    return written;
  }

  /** Writes bytes {@code [start, end)} of the staged body to the target (moved when whole). */
  private static Map.Entry<String, Path> place(
      LocalSandbox sandbox, String target, Path staged, long start, long end, boolean whole)
      throws IOException {
    String path = sandbox.paths().resolve(target);
    Path host = sandbox.paths().host(path, true);
    if (Files.isDirectory(host)) {
      throw new HttpError(400, "path '" + path + "' is a directory");
    }
    try {
      Files.createDirectories(host.getParent());
    } catch (IOException e) {
      throw new HttpError(400, "cannot create the parent directories of '" + path + "'");
    }
    try {
      if (whole) {
        Files.move(staged, host, StandardCopyOption.REPLACE_EXISTING);
      } else {
        try (FileChannel from = FileChannel.open(staged, StandardOpenOption.READ);
            FileChannel to =
                FileChannel.open(
                    host,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
          long position = start;
          while (position < end) {
            position += from.transferTo(position, end - position, to);
          }
        }
      }
    } catch (IOException e) {
      throw new HttpError(500, "cannot write '" + path + "': " + reason(e));
    }
    return Map.entry(path, host);
  }

  private static void receive(EnvdExchange exchange, boolean gzip, Path staged, long allowed)
      throws IOException {
    InputStream body = new WatchedInput(exchange.rawBody(), exchange.watchdog());
    InputStream in;
    try {
      in = gzip ? new GZIPInputStream(body, CHUNK) : body;
    } catch (java.util.zip.ZipException e) {
      throw new HttpError(400, "the body is not valid gzip");
    }
    long total = 0;
    byte[] buffer = new byte[CHUNK];
    try (OutputStream out = Files.newOutputStream(staged)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > allowed) {
          throw new HttpError(507, "not enough disk space available");
        }
        writeStaged(out, buffer, n);
      }
    } catch (java.util.zip.ZipException e) {
      throw new HttpError(400, "the body is not valid gzip");
    }
  }

  private static void writeStaged(OutputStream out, byte[] buffer, int n) {
    try {
      out.write(buffer, 0, n);
    } catch (IOException e) {
      boolean full = String.valueOf(e.getMessage()).contains("No space left");
      throw new HttpError(
          full ? 507 : 500,
          full ? "not enough disk space available" : "cannot store the upload: " + reason(e));
    }
  }

  private static String reason(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException
        ? "no such file or directory"
        : e instanceof java.nio.file.AccessDeniedException
            ? "permission denied"
            : e.getClass().getSimpleName();
  }

  static void health(EnvdExchange exchange) throws IOException {
    exchange.send(204, null, new byte[0]);
  }

  static void envs(EnvdExchange exchange, LocalSandbox sandbox) throws IOException {
    JsonObject envs = new JsonObject();
    sandbox.envVars().forEach(envs::addProperty);
    exchange.send(200, EnvdExchange.JSON, envs.toString().getBytes(StandardCharsets.UTF_8));
  }

  static void metrics(EnvdExchange exchange, LocalSandbox sandbox) throws IOException {
    JsonObject metrics = new JsonObject();
    Runtime jvm = Runtime.getRuntime();
    long memTotal = memoryTotal();
    metrics.addProperty("ts", System.currentTimeMillis() / 1000);
    metrics.addProperty("cpu_count", jvm.availableProcessors());
    metrics.addProperty("cpu_used_pct", 0);
    metrics.addProperty("mem_total", memTotal);
    metrics.addProperty("mem_used", 0);
    metrics.addProperty("mem_total_mib", memTotal >> 20);
    metrics.addProperty("mem_used_mib", 0);
    metrics.addProperty("disk_used", sandbox.diskUsedBytes());
    metrics.addProperty("disk_total", sandbox.diskQuotaBytes());
    exchange.send(200, EnvdExchange.JSON, metrics.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static long memoryTotal() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return 0;
  }

  private static String boundary(String contentType) {
    for (String parameter : contentType.split(";")) {
      String trimmed = parameter.trim();
      if (trimmed.regionMatches(true, 0, "boundary=", 0, 9)) {
        String value = trimmed.substring(9);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        if (!value.isEmpty()) {
          return value;
        }
      }
    }
    throw new HttpError(400, "multipart content type without a boundary");
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Failure of the runtime on a plain route: envd's status for it. */
  static HttpError httpError(Failure failure) {
    return new HttpError(ConnectCode.httpStatusOf(failure.kind()), failure.getMessage());
  }

  /** An input stream whose every read is under the watchdog. */
  private static final class WatchedInput extends InputStream {
    private final InputStream in;
    private final IoWatchdog watchdog;

    WatchedInput(InputStream in, IoWatchdog watchdog) {
      this.in = in;
      this.watchdog = watchdog;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return watchdog.call(() -> in.read(b, off, len));
    }
  }

  /** An output stream whose every write is under the watchdog. */
  private static final class WatchedOutput extends OutputStream {
    private final OutputStream out;
    private final IoWatchdog watchdog;

    WatchedOutput(OutputStream out, IoWatchdog watchdog) {
      this.out = out;
      this.watchdog = watchdog;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      watchdog.run(
          () -> {
            out.write(b, off, len);
            return null;
          });
    }

    @Override
    public void flush() throws IOException {
      watchdog.run(
          () -> {
            out.flush();
            return null;
          });
    }
  }
}
