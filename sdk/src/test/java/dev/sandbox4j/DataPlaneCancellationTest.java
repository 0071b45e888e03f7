package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.errors.SandboxConnectionException;
import dev.sandbox4j.errors.SandboxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls into a sandbox end when the caller stops caring, as control-plane calls do: an interrupt of
 * the waiting thread or the client's close() cancels them on the wire, streams and downloads whose
 * bodies are still being read included. The daemon accepts and then goes quiet; the request timeout
 * is the default minute and the stream read timeout two keepalive intervals.
 */
class DataPlaneCancellationTest {
  private static final String STREAM_HEAD =
      "HTTP/1.1 200 OK\r\nContent-Type: application/connect+json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n";

  private final RawSocketServer server;
  private final SandboxClient client;
  private final Sandbox sandbox;

  DataPlaneCancellationTest() throws Exception {
    server = new RawSocketServer();
    client =
        SandboxClient.builder()
            .apiUrl(server.url())
            .sandboxUrl(server.url())
            .apiKey(MockApi.KEY)
            .environment(name -> null)
            .systemProperties(name -> null)
            .sleeper(d -> {})
            .jitter(() -> 0.0)
            .maxRetries(2)
            .build();
    server.enqueue(
        json(
            "{\"sandboxID\":\"sbx1\",\"templateID\":\"base\",\"clientID\":\"c\","
                + "\"envdVersion\":\"0.5.7\",\"envdAccessToken\":\"envd_token_secret_42\"}"));
    sandbox = client.create();
  }

  @AfterEach
  void close() throws Exception {
    client.close();
    server.close();
  }

  private static String json(String body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\nConnection: close\r\n\r\n"
        + body;
  }

  /** One chunk holding one Connect envelope (not the end of the stream). */
  private static byte[] chunkedEnvelope(String message) {
    byte[] payload = message.getBytes(StandardCharsets.UTF_8);
    byte[] envelope = new byte[5 + payload.length];
    envelope[4] = (byte) payload.length; // flags 0, a length under 256
    System.arraycopy(payload, 0, envelope, 5, payload.length);
    byte[] head = (Integer.toHexString(envelope.length) + "\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] chunk = new byte[head.length + envelope.length + 2];
    System.arraycopy(head, 0, chunk, 0, head.length);
    System.arraycopy(envelope, 0, chunk, head.length, envelope.length);
    chunk[chunk.length - 2] = '\r';
    chunk[chunk.length - 1] = '\n';
    return chunk;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within 5 s: " + what);
      }
      Thread.sleep(10);
    }
  }

  /** Runs the work on its own thread; the future holds what it threw (null: nothing). */
  private static Thread run(ThrowingRunnable work, CompletableFuture<Throwable> thrown) {
    Thread thread =
        new Thread(
            () -> {
              try {
                work.run();
                thrown.complete(null);
              } catch (Throwable t) {
                thrown.complete(t);
              }
            });
    thread.start();
    return thread;
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void anInterruptCancelsAUnaryCallIntoTheSandbox() throws Exception {
    server.enqueueSilence();
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread thread = run(() -> sandbox.files().list("/"), thrown);
    await(() -> server.requestCount() == 2, "the request arrives");
    long start = System.nanoTime();
    thread.interrupt();
    assertThat(thrown.get(5, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            SandboxConnectionException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("stopped after 1 attempt: the thread was interrupted"));
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
    await(() -> server.closedByClient() == 1, "the connection is closed");
    assertThat(server.requestCount()).as("not retried").isEqualTo(2);
  }

  @Test
  void closeEndsACommandsStreamThatWentQuiet() throws Exception {
    server.enqueueThenHold(STREAM_HEAD, chunkedEnvelope("{\"event\":{\"start\":{\"pid\":42}}}"));
    CommandHandle handle = sandbox.commands().start("sleep 1000");
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    run(handle::waitFor, thrown);
    long start = System.nanoTime();
    client.close();
    assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(SandboxException.class);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
    await(() -> server.closedByClient() == 1, "the stream's connection is closed");
  }

  @Test
  void anInterruptOfAForegroundRunEndsItsStream() throws Exception {
    server.enqueueThenHold(STREAM_HEAD, chunkedEnvelope("{\"event\":{\"start\":{\"pid\":42}}}"));
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread thread = run(() -> sandbox.commands().run("sleep 1000"), thrown);
    await(() -> server.requestCount() == 2, "the command starts");
    Thread.sleep(100); // the start event is read and the caller waits for the end
    thread.interrupt();
    assertThat(thrown.get(5, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            SandboxException.class, e -> assertThat(e.getMessage()).contains("interrupted"));
    await(() -> server.closedByClient() == 1, "the stream's connection is closed");
  }

  @Test
  void closeCutsADownloadWhileItsBodyIsRead() throws Exception {
    server.enqueueThenHold(
        "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Length: 1000000\r\n\r\n",
        new byte[] {1, 2, 3});
    InputStream in = sandbox.files().readStream("/big.bin");
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    run(
        () -> {
          try (in) {
            while (in.read() != -1) {
              // the last bytes never come
            }
          }
        },
        thrown);
    Thread.sleep(100); // the reader is blocked waiting for more
    client.close();
    assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
    await(() -> server.closedByClient() == 1, "the download's connection is closed");
  }

  @Test
  void anInterruptCutsADownloadWhileItsBodyIsRead() throws Exception {
    server.enqueueThenHold(
        "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Length: 1000000\r\n\r\n",
        new byte[] {1, 2, 3});
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread thread =
        run(
            () -> {
              try (InputStream in = sandbox.files().readStream("/big.bin")) {
                while (in.read() != -1) {
                  // the last bytes never come
                }
              }
            },
            thrown);
    await(() -> server.requestCount() == 2, "the download starts");
    Thread.sleep(100); // the reader is blocked waiting for more
    thread.interrupt();
    assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
    await(() -> server.closedByClient() == 1, "the download's connection is closed");
  }
}
