package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.errors.SandboxConnectionException;
import dev.sandbox4j.errors.ServerException;
import dev.sandbox4j.internal.Sleeper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A caller that stops caring ends its calls at once: an interrupt cancels the request on the wire,
 * and close() cancels every call in flight and releases its sockets; each such call says how far it
 * got. The server never answers, and the request timeout is the default minute.
 */
class CancellationTest {
  private final RawSocketServer server;

  CancellationTest() throws Exception {
    server = new RawSocketServer();
  }

  @AfterEach
  void close() throws Exception {
    server.close();
  }

  private SandboxClient client(Sleeper sleeper) {
    return SandboxClient.builder()
        .apiUrl(server.url())
        .apiKey(MockApi.KEY)
        .environment(name -> null)
        .systemProperties(name -> null)
        .sleeper(sleeper)
        .jitter(() -> 0.0)
        .maxRetries(3)
        .build();
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

  /** Runs a listing on its own thread; the future holds what it threw and its interrupt flag. */
  private static Thread lister(
      SandboxClient client, CompletableFuture<Throwable> thrown, AtomicReference<Boolean> flag) {
    Thread thread =
        new Thread(
            () -> {
              try {
                client.list().nextItems();
                thrown.complete(null);
              } catch (Throwable t) {
                flag.set(Thread.currentThread().isInterrupted());
                thrown.complete(t);
              }
            });
    thread.start();
    return thread;
  }

  @Test
  void anInterruptCancelsTheRequestOnTheWire() throws Exception {
    server.enqueueSilence();
    try (SandboxClient client = client(d -> {})) {
      CompletableFuture<Throwable> thrown = new CompletableFuture<>();
      AtomicReference<Boolean> flag = new AtomicReference<>();
      Thread thread = lister(client, thrown, flag);
      await(() -> server.requestCount() == 1, "the request arrives");
      long start = System.nanoTime();
      thread.interrupt();
      Throwable error = thrown.get(5, TimeUnit.SECONDS);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
      assertThat(error)
          .isInstanceOfSatisfying(
              SandboxConnectionException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.getMessage())
                    .contains("list sandboxes stopped after 1 attempt: the thread was interrupted");
              });
      assertThat(flag.get()).as("the interrupt flag is kept").isTrue();
      await(() -> server.closedByClient() == 1, "the connection is closed");
      assertThat(server.requestCount()).as("not retried").isEqualTo(1);
    }
  }

  @Test
  void closeCancelsEveryCallInFlightAndClosesItsSockets() throws Exception {
    int calls = 5;
    for (int i = 0; i < calls; i++) {
      server.enqueueSilence();
    }
    SandboxClient client = client(d -> {});
    List<CompletableFuture<Throwable>> results = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      CompletableFuture<Throwable> thrown = new CompletableFuture<>();
      lister(client, thrown, new AtomicReference<>());
      results.add(thrown);
    }
    await(() -> server.requestCount() == calls, "every request arrives");
    long start = System.nanoTime();
    client.close();
    for (CompletableFuture<Throwable> result : results) {
      assertThat(result.get(5, TimeUnit.SECONDS))
          .isInstanceOfSatisfying(
              SandboxConnectionException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.getMessage())
                    .contains("stopped after 1 attempt: the client was closed");
                assertThat(e.getCause()).isInstanceOf(SandboxConnectionException.class);
              });
    }
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
    await(() -> server.closedByClient() == calls, "every socket is closed");
    assertThat(server.requestCount()).as("nothing more was sent").isEqualTo(calls);
  }

  @Test
  void aCallClosedWhileWaitingToRetryReportsItsAttemptsAndItsLastError() throws Exception {
    server.enqueue(
        "HTTP/1.1 503 X\r\nContent-Type: application/json\r\nContent-Length: 21\r\n"
            + "Connection: close\r\n\r\n{\"message\":\"resting\"}");
    AtomicReference<SandboxClient> client = new AtomicReference<>();
    // The client is closed while the call waits before its second attempt.
    client.set(client(delay -> client.get().close()));
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    lister(client.get(), thrown, new AtomicReference<>());
    assertThat(thrown.get(5, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            SandboxConnectionException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(1);
              assertThat(e.getMessage())
                  .contains("stopped after 1 attempt: the client was closed")
                  .doesNotContain("nothing was sent");
              assertThat(e.getCause())
                  .isInstanceOfSatisfying(
                      ServerException.class, s -> assertThat(s.statusCode()).isEqualTo(503));
            });
    assertThat(server.requestCount()).isEqualTo(1);
  }
}
