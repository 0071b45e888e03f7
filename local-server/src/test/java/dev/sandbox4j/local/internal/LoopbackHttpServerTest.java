package dev.sandbox4j.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.local.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The HTTP layer's resource bounds: handler threads, slow clients, and what close() leaves. */
class LoopbackHttpServerTest {

  private static final String KEY = "sk_test";
  private static final Duration IO_TIMEOUT = Duration.ofMillis(400);

  @Test
  void halfSentRequestsAreCutOffAfterTheIoTimeoutAndCannotGrowThePool() throws IOException {
    try (LoopbackHttpServer server = LoopbackHttpServer.start(emulator(), 0, IO_TIMEOUT)) {
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < LoopbackHttpServer.MAX_HANDLER_THREADS + 36; i++) {
          String partial =
              i % 2 == 0
                  ? "GET /v2/sandboxes HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                      + KEY
                      + "\r\n" // headers never end
                  : "POST /sandboxes HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                      + KEY
                      + "\r\nContent-Length: 100\r\n\r\n{\"templ"; // body never completes
          slow.add(send(server.port(), partial));
        }

        assertThat(
                answer(
                    send(
                        server.port(),
                        "GET /_local/health HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                            + KEY
                            + "\r\nConnection: close\r\n\r\n")))
            .as("a whole request is still served once the slow ones are cut off")
            .startsWith("HTTP/1.1 200");
        for (Socket socket : slow) {
          assertThat(closedWithoutAnswer(socket))
              .as("the server closed a half-sent request")
              .isTrue();
        }
      } finally {
        for (Socket socket : slow) {
          socket.close();
        }
      }
      assertThat(server.largestHandlerPoolSize())
          .isLessThanOrEqualTo(LoopbackHttpServer.MAX_HANDLER_THREADS);
    }
  }

  @Test
  void slowClientsHoldNoHandlerThreadAndHealthAnswersWhileTheyWait() throws IOException {
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(emulator(), 0, Duration.ofSeconds(20))) {
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < 3 * LoopbackHttpServer.MAX_HANDLER_THREADS; i++) {
          String partial =
              i % 2 == 0
                  ? "GET /v2/sandboxes HTTP/1.1\r\nHost: x\r\nX-API-Key: " + KEY + "\r\n"
                  : "POST /sandboxes HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                      + KEY
                      + "\r\nContent-Length: 100\r\n\r\n{\"templ";
          slow.add(send(server.port(), partial));
        }
        long started = System.nanoTime();
        Socket health =
            send(
                server.port(),
                "GET /_local/health HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                    + KEY
                    + "\r\nConnection: close\r\n\r\n");
        health.setSoTimeout(3_000);
        assertThat(answer(health)).startsWith("HTTP/1.1 200");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(server.largestHandlerPoolSize())
            .as("threads used by %d slow clients", slow.size())
            .isLessThanOrEqualTo(2);
      } finally {
        for (Socket socket : slow) {
          socket.close();
        }
      }
    }
  }

  @Test
  void aTlsClientHelloIsAnsweredAtOnceWithAPlainTextHint() throws Exception {
    try (LoopbackHttpServer server = LoopbackHttpServer.start(emulator(), 0)) {
      byte[] clientHelloStart = {
        0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03
      };
      long started = System.nanoTime();
      try (Socket socket =
          new Socket(InetAddress.getByName(LoopbackHttpServer.LOOPBACK), server.port())) {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(clientHelloStart);
        String answer =
            new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(answer).startsWith("HTTP/1.1 400").contains("This is an http:// server");
      }

      javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
      tls.init(null, null, null);
      try (javax.net.ssl.SSLSocket socket =
          (javax.net.ssl.SSLSocket)
              tls.getSocketFactory().createSocket(LoopbackHttpServer.LOOPBACK, server.port())) {
        socket.setSoTimeout(5_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(socket::startHandshake)
            .isInstanceOf(IOException.class);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      assertThat(server.openConnections()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void aFaultDelayLongerThanTheIoTimeoutIsNotCutOff() throws IOException {
    Emulator emulator = emulator();
    emulator.injectFault(
        Fault.on("GET", "/v2/sandboxes").delay(IO_TIMEOUT.multipliedBy(3)).respond(503).build());
    try (LoopbackHttpServer server = LoopbackHttpServer.start(emulator, 0, IO_TIMEOUT)) {
      String request = "GET /v2/sandboxes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
      assertThat(answer(send(server.port(), request))).startsWith("HTTP/1.1 503");
    }
  }

  @Test
  void closeEndsEveryThreadTheServerStarted() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    LoopbackHttpServer server = LoopbackHttpServer.start(emulator(), 0, IO_TIMEOUT);
    answer(
        send(server.port(), "GET /v2/sandboxes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    try (Socket idle = send(server.port(), "GET /v2/sandboxes HTTP/1.1\r\nHost: x\r\n")) {
      server.close();
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    Set<String> left;
    do {
      left =
          Thread.getAllStackTraces().keySet().stream()
              .filter(thread -> !before.contains(thread) && thread.isAlive())
              .map(Thread::getName)
              .filter(
                  name ->
                      name.startsWith("sandbox4j-local-server")
                          || name.startsWith("HTTP-Dispatcher")
                          || name.endsWith("timeout-task"))
              .collect(Collectors.toSet());
    } while (!left.isEmpty() && System.nanoTime() < deadline && pause());
    assertThat(left).isEmpty();
  }

  private static Emulator emulator() {
    return new Emulator(KEY, Optional.empty(), Clock.systemUTC());
  }

  private static Socket send(int port, String text) throws IOException {
    Socket socket = new Socket(InetAddress.getByName(LoopbackHttpServer.LOOPBACK), port);
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return socket;
  }

  private static String answer(Socket socket) throws IOException {
    try (socket;
        InputStream in = socket.getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** True when the server closed the connection without sending a byte; false on a timeout. */
  private static boolean closedWithoutAnswer(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read() == -1;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  private static boolean pause() {
    try {
      Thread.sleep(50);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
