package dev.sandbox4j.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sandbox4j.Sandbox;
import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.local.LocalSandboxServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * Streams a large file down and up through {@code sandbox.files()} and, as the baseline, through a
 * bare OkHttp client, against the same loopback file server in the same JVM, and prints the
 * throughput ratio and the highest heap use seen. Run it with a small heap ({@code -Xmx64m} in the
 * {@code bench-files} profile): finishing at all proves that nothing buffers the file.
 *
 * <p>Arguments: {@code --size-mib=N} (default 1024), {@code --rounds=N} (default 3, after one
 * untimed warm-up round of 64 MiB). Each round times the four transfers in an order that flips
 * every round.
 */
public final class FileTransferBenchmark {
  private static final int CHUNK = 64 * 1024;
  private static final MediaType OCTET = MediaType.get("application/octet-stream");

  private FileTransferBenchmark() {}

  public static void main(String[] args) throws Exception {
    long sizeMib = 1024;
    int rounds = 3;
    for (String arg : args) {
      if (arg.startsWith("--size-mib=")) {
        sizeMib = Long.parseLong(arg.substring("--size-mib=".length()));
      } else if (arg.startsWith("--rounds=")) {
        rounds = Integer.parseInt(arg.substring("--rounds=".length()));
      }
    }
    long size = sizeMib * 1024 * 1024;
    HeapWatch heap = new HeapWatch();
    try (FileServer files = new FileServer(size);
        LocalSandboxServer control = LocalSandboxServer.start();
        SandboxClient client =
            SandboxClient.builder()
                .apiUrl(control.apiUrl())
                .apiKey(control.apiKey())
                .sandboxUrl(files.url())
                .build();
        Sandbox sandbox = client.create()) {
      OkHttpClient raw = new OkHttpClient();
      Transfer[] transfers = {
        new Transfer("download, bare OkHttp", () -> rawDownload(raw, files.url())),
        new Transfer("download, readStream", () -> drain(sandbox.files().readStream("big.bin"))),
        new Transfer("upload, bare OkHttp", () -> rawUpload(raw, files.url(), size)),
        new Transfer("upload, write(InputStream)", () -> sdkUpload(sandbox, size)),
      };
      files.size = 64L * 1024 * 1024;
      for (Transfer transfer : transfers) {
        transfer.run(); // warm-up, untimed
      }
      files.size = size;
      heap.start();
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < transfers.length; i++) {
          int index = round % 2 == 0 ? i : transfers.length - 1 - i;
          transfers[index].timed(size);
        }
      }
      heap.stop();
      System.out.printf(
          Locale.ROOT,
          "%d MiB x %d rounds, max heap %d MiB, heap used at most %d MiB%n",
          sizeMib,
          rounds,
          Runtime.getRuntime().maxMemory() >> 20,
          heap.max.get() >> 20);
      for (Transfer transfer : transfers) {
        System.out.printf(
            Locale.ROOT,
            "%-28s median %8.1f MiB/s%n",
            transfer.name,
            transfer.medianMibPerSecond());
      }
      System.out.printf(
          Locale.ROOT,
          "ratio SDK/bare: download %.2f, upload %.2f%n",
          transfers[1].medianMibPerSecond() / transfers[0].medianMibPerSecond(),
          transfers[3].medianMibPerSecond() / transfers[2].medianMibPerSecond());
      raw.dispatcher().executorService().shutdown();
      raw.connectionPool().evictAll();
    }
  }

  private static long rawDownload(OkHttpClient raw, String url) throws IOException {
    try (Response response =
        raw.newCall(new Request.Builder().url(url + "files?path=big.bin").build()).execute()) {
      return drain(response.body().byteStream());
    }
  }

  private static long rawUpload(OkHttpClient raw, String url, long size) throws IOException {
    RequestBody body =
        new RequestBody() {
          @Override
          public MediaType contentType() {
            return OCTET;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            try (InputStream in = new PatternStream(size)) {
              byte[] buffer = new byte[CHUNK];
              for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                sink.write(buffer, 0, n);
              }
            }
          }
        };
    Request request = new Request.Builder().url(url + "files?path=big.bin").post(body).build();
    try (Response response = raw.newCall(request).execute()) {
      response.body().string();
      return size;
    }
  }

  private static long sdkUpload(Sandbox sandbox, long size) throws IOException {
    try (InputStream in = new PatternStream(size)) {
      sandbox.files().write("big.bin", in);
    }
    return size;
  }

  private static long drain(InputStream in) throws IOException {
    try (in) {
      byte[] buffer = new byte[CHUNK];
      long total = 0;
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        total += n;
      }
      return total;
    }
  }

  /** One kind of transfer and its timings. */
  private static final class Transfer {
    final String name;
    final IoCall call;
    final List<Double> mibPerSecond = new ArrayList<>();

    Transfer(String name, IoCall call) {
      this.name = name;
      this.call = call;
    }

    void run() throws IOException {
      call.run();
    }

    void timed(long size) throws IOException {
      long start = System.nanoTime();
      long moved = call.run();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (moved != size) {
        throw new IllegalStateException(name + " moved " + moved + " bytes, not " + size);
      }
      mibPerSecond.add(size / 1048576.0 / seconds);
    }

    double medianMibPerSecond() {
      List<Double> sorted = new ArrayList<>(mibPerSecond);
      sorted.sort(null);
      return sorted.get((sorted.size() - 1) / 2);
    }
  }

  @FunctionalInterface
  private interface IoCall {
    long run() throws IOException;
  }

  /** N bytes of a repeating pattern, made on the fly. */
  private static final class PatternStream extends InputStream {
    private long remaining;

    PatternStream(long size) {
      this.remaining = size;
    }

    @Override
    public int read() {
      if (remaining <= 0) {
        return -1;
      }
      remaining--;
      return (int) (remaining & 0x7f);
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, remaining);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) ((remaining - i) & 0x7f);
      }
      remaining -= n;
      return n;
    }
  }

  /** Samples the used heap every 20 ms and keeps the highest value. */
  private static final class HeapWatch {
    final AtomicLong max = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    void start() {
      running = true;
      thread =
          new Thread(
              () -> {
                Runtime runtime = Runtime.getRuntime();
                while (running) {
                  max.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }
  }

  /**
   * A loopback stand-in for the daemon's {@code /files}: GET streams {@link #size} bytes, POST
   * reads the whole body and answers the daemon's JSON.
   */
  private static final class FileServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    volatile long size;

    FileServer(long size) throws IOException {
      this.size = size;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/files", this::handle);
      server.setExecutor(pool);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        if ("GET".equals(exchange.getRequestMethod())) {
          long length = size;
          exchange.sendResponseHeaders(200, length);
          byte[] chunk = new byte[CHUNK];
          try (OutputStream out = exchange.getResponseBody()) {
            for (long left = length; left > 0; left -= CHUNK) {
              out.write(chunk, 0, (int) Math.min(CHUNK, left));
            }
          }
        } else {
          drain(exchange.getRequestBody());
          byte[] answer =
              "[{\"path\":\"/home/user/big.bin\",\"name\":\"big.bin\",\"type\":\"file\"}]"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
      pool.shutdownNow();
    }
  }
}
