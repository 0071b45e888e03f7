package dev.sandbox4j.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.local.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Soak: clients that abandon an exchange in every way leave nothing behind. After thousands of
 * aborted exchanges of one kind, the process's open file descriptors ({@code /proc/self/fd}) and
 * the server's live TCP connections ({@code /proc/self/net/tcp*}, local port = the server's) return
 * to their baseline, and the server still answers. (Most of its run time is the kernel's: with
 * thousands of client-closed connections, some connect() calls wait out a 1 s SYN retry.)
 */
class AbandonedExchangeTest {

  private static final int EXCHANGES = 5_000;
  private static final int CLIENT_THREADS = 16;
  private static final Duration IO_TIMEOUT = Duration.ofMillis(300);
  private static final String KEY = "sk_test";
  private static final String LIST =
      "GET /v2/sandboxes HTTP/1.1\r\nHost: x\r\nX-API-Key: " + KEY + "\r\n";

  /** The ways a client gives up on an exchange. */
  enum Abandon {
    CONNECT_AND_CLOSE,
    CLOSE_BEFORE_HEADERS_END,
    RESET_BEFORE_HEADERS_END,
    CLOSE_MID_BODY,
    CLOSE_BEFORE_DELAYED_ANSWER,
    DROPPED_BY_FAULT,
    SLOW_BODY_CUT_BY_DEADLINE,
    SLOW_LARGE_BODY_CUT_BY_HANDLER_DEADLINE
  }

  private Emulator emulator;
  private LoopbackHttpServer server;

  @BeforeEach
  void start() {
    emulator = new Emulator(KEY, Optional.empty(), Clock.systemUTC());
    server = LoopbackHttpServer.start(emulator, 0, IO_TIMEOUT);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(Abandon.class)
  void fdsAndConnectionsReturnToBaseline(Abandon kind) throws Exception {
    boolean slow =
        kind == Abandon.SLOW_BODY_CUT_BY_DEADLINE
            || kind == Abandon.SLOW_LARGE_BODY_CUT_BY_HANDLER_DEADLINE;
    int count = slow ? EXCHANGES / 5 : EXCHANGES;
    for (int warmUp = 0; warmUp < 20; warmUp++) {
      abandon(kind, 1);
    }
    assertThat(answersHealth()).isTrue();
    settle();
    long fdsBefore = openFds();
    long connectionsBefore = liveServerConnections();

    abandon(kind, count);

    long deadline = System.nanoTime() + IO_TIMEOUT.multipliedBy(4).plusSeconds(3).toNanos();
    long fds;
    long connections;
    do {
      Thread.sleep(100);
      fds = openFds();
      connections = liveServerConnections();
    } while ((fds > fdsBefore + 3 || connections > connectionsBefore)
        && System.nanoTime() < deadline);
    assertThat(connections)
        .as("live server connections after %d x %s", count, kind)
        .isLessThanOrEqualTo(connectionsBefore);
    assertThat(fds).as("open fds after %d x %s", count, kind).isLessThanOrEqualTo(fdsBefore + 3);
    assertThat(answersHealth()).as("still answering").isTrue();
  }

  private void abandon(Abandon kind, int count) throws Exception {
    switch (kind) {
      case CLOSE_BEFORE_DELAYED_ANSWER ->
          emulator.injectFault(
              Fault.on("GET", "/v2/sandboxes").times(count).delay(Duration.ofMillis(20)).build());
      case DROPPED_BY_FAULT ->
          emulator.injectFault(
              Fault.on("GET", "/v2/sandboxes").times(count).dropBeforeActing().build());
      default -> {}
    }
    if (kind == Abandon.SLOW_BODY_CUT_BY_DEADLINE) {
      cutByDeadline(count, "Content-Length: 100\r\n\r\n{\"templ");
    } else if (kind == Abandon.SLOW_LARGE_BODY_CUT_BY_HANDLER_DEADLINE) {
      // Larger than what the selector reads ahead: a handler reads it, under IoDeadlines.
      cutByDeadline(count, "Content-Length: 200000\r\n\r\n{\"templateID\":\"" + "b".repeat(70_000));
    } else {
      inParallel(count, () -> abandonOnce(kind));
    }
    emulator.clearFaults();
  }

  private void abandonOnce(Abandon kind) throws IOException {
    Socket socket = new Socket(InetAddress.getByName(LoopbackHttpServer.LOOPBACK), server.port());
    try {
      socket.setSoTimeout(10_000);
      switch (kind) {
        case CONNECT_AND_CLOSE -> {}
        case CLOSE_BEFORE_HEADERS_END -> write(socket, LIST);
        case RESET_BEFORE_HEADERS_END -> {
          write(socket, LIST);
          socket.setSoLinger(true, 0);
        }
        case CLOSE_MID_BODY ->
            write(
                socket,
                "POST /sandboxes HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                    + KEY
                    + "\r\nContent-Length: 100000\r\n\r\n"
                    + "{\"templateID\":\""
                    + "b".repeat(70_000));
        case CLOSE_BEFORE_DELAYED_ANSWER -> {
          write(socket, LIST + "\r\n");
          sleep(Duration.ofMillis(2));
        }
        case DROPPED_BY_FAULT -> {
          write(socket, LIST + "\r\n");
          drain(socket);
        }
        default -> throw new IllegalArgumentException(kind.toString());
      }
    } finally {
      socket.close();
    }
  }

  /** Many connections that send half a body at once, then wait for the server to cut them. */
  private void cutByDeadline(int count, String framingAndPartialBody) throws IOException {
    int wave = Math.min(250, count);
    for (int sent = 0; sent < count; sent += wave) {
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < wave; i++) {
          Socket socket =
              new Socket(InetAddress.getByName(LoopbackHttpServer.LOOPBACK), server.port());
          socket.setSoTimeout(10_000);
          slow.add(socket);
          write(
              socket,
              "POST /sandboxes HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                  + KEY
                  + "\r\n"
                  + framingAndPartialBody);
        }
        for (Socket socket : slow) {
          drain(socket);
        }
      } finally {
        for (Socket socket : slow) {
          socket.close();
        }
      }
    }
  }

  private boolean answersHealth() throws IOException {
    try (Socket socket =
        new Socket(InetAddress.getByName(LoopbackHttpServer.LOOPBACK), server.port())) {
      socket.setSoTimeout(10_000);
      write(
          socket,
          "GET /_local/health HTTP/1.1\r\nHost: x\r\nX-API-Key: "
              + KEY
              + "\r\nConnection: close\r\n\r\n");
      String answer =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return answer.startsWith("HTTP/1.1 200");
    }
  }

  private static void inParallel(int count, IoTask task) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < CLIENT_THREADS; t++) {
        int share = count / CLIENT_THREADS + (t < count % CLIENT_THREADS ? 1 : 0);
        done.add(
            clients.submit(
                () -> {
                  for (int i = 0; i < share; i++) {
                    task.run();
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface IoTask {
    void run() throws IOException;
  }

  private static void write(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  private static void drain(Socket socket) throws IOException {
    try (InputStream in = socket.getInputStream()) {
      in.transferTo(OutputStreamSink.INSTANCE);
    } catch (SocketException reset) {
      // the server closed the connection: what was expected
    }
  }

  private void settle() throws InterruptedException {
    long previous = -1;
    for (int i = 0; i < 50 && openFds() != previous; i++) {
      previous = openFds();
      Thread.sleep(100);
    }
  }

  private static long openFds() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Server-side sockets still open: ESTABLISHED (01) or CLOSE_WAIT (08) on the server's port. */
  private long liveServerConnections() {
    String port = String.format(Locale.ROOT, ":%04X", server.port());
    long live = 0;
    for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] fields = line.trim().split("\\s+");
          if (fields.length > 3
              && fields[1].endsWith(port)
              && (fields[3].equals("01") || fields[3].equals("08"))) {
            live++;
          }
        }
      } catch (IOException missing) {
        // no IPv6 table on this machine
      }
    }
    return live;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Discards what it is given. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
