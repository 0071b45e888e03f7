package dev.sandbox4j.local.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP server bound to 127.0.0.1, serving one {@link Emulator}.
 *
 * <p>Requests run on a pool of daemon threads, so a fault's delay never blocks other requests.
 * {@link #close()} stops accepting, closes open connections, interrupts handlers still waiting
 * out a delay, and waits for every thread to end: nothing outlives the server.
 *
 * <p>Not part of the public API: use {@code dev.sandbox4j.local.LocalSandboxServer}.
 */
public final class LoopbackHttpServer implements AutoCloseable {

  /** The address every server binds: loopback only, never reachable from other machines. */
  public static final String LOOPBACK = "127.0.0.1";

  private static final int BACKLOG = 128;

  static {
    // The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
    // every response then waits ~40 ms for the client's delayed ACK (measured: 44 ms per list
    // page, 4 ms without). The switch is JVM-wide and read once, when the JDK server classes
    // load, so it is set here, before the first server is created, unless the application set it.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }
  private static final AtomicInteger SERVER_NUMBERS = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService handlers;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LoopbackHttpServer(HttpServer server, ExecutorService handlers) {
    this.server = server;
    this.handlers = handlers;
  }

  /**
   * Binds {@code 127.0.0.1:port} (0 picks a free port) and starts serving.
   *
   * @throws UncheckedIOException if the port cannot be bound, for example because it is in use
   */
  public static LoopbackHttpServer start(Emulator emulator, int port) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), BACKLOG);
    } catch (BindException e) {
      throw new UncheckedIOException(
          "Cannot listen on " + LOOPBACK + ":" + port + " (is the port in use?): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the local server: " + e.getMessage(), e);
    }
    ExecutorService handlers = Executors.newCachedThreadPool(daemonThreads());
    server.setExecutor(handlers);
    server.createContext("/", new HttpDispatcher(emulator));
    server.start();
    return new LoopbackHttpServer(server, handlers);
  }

  /** Returns the bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops the server and waits (briefly) for its threads to end. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    handlers.shutdownNow();
    try {
      handlers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads() {
    int serverNumber = SERVER_NUMBERS.incrementAndGet();
    AtomicInteger threadNumbers = new AtomicInteger();
    return task -> {
      Thread thread =
          new Thread(task, "sandbox4j-local-server-" + serverNumber + "-" + threadNumbers.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
