package dev.sandbox4j.local.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP server bound to 127.0.0.1, serving one {@link Emulator}.
 *
 * <p>Requests run on a bounded pool of daemon threads ({@value #MAX_HANDLER_THREADS}, created on
 * demand and ended when idle), so a fault's delay does not block other requests and no number of
 * connections can create more threads; further requests wait in line for a free thread. A
 * handler waits at most {@link #IO_TIMEOUT} for its client to send the request or to take the
 * response ({@link IoDeadlines}), so half-sent requests cannot hold the pool. The JDK server
 * itself bounds the request line and headers (380 KiB, 200 headers) and closes idle connections.
 * {@link #close()} stops accepting, closes open connections, interrupts handlers still waiting
 * out a delay, and waits for every thread to end: nothing outlives the server.
 *
 * <p>Not part of the public API: use {@code dev.sandbox4j.local.LocalSandboxServer}.
 */
public final class LoopbackHttpServer implements AutoCloseable {

  /** The address every server binds: loopback only, never reachable from other machines. */
  public static final String LOOPBACK = "127.0.0.1";

  /** The most requests handled at once; the pool never grows past it. */
  static final int MAX_HANDLER_THREADS = 64;

  /** How long a client may take to send a request, or to take a response. */
  static final Duration IO_TIMEOUT = Duration.ofSeconds(30);

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
  private final ThreadPoolExecutor handlers;
  private final IoDeadlines deadlines;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LoopbackHttpServer(HttpServer server, ThreadPoolExecutor handlers, IoDeadlines deadlines) {
    this.server = server;
    this.handlers = handlers;
    this.deadlines = deadlines;
  }

  /**
   * Binds {@code 127.0.0.1:port} (0 picks a free port) and starts serving.
   *
   * @throws UncheckedIOException if the port cannot be bound, for example because it is in use
   */
  public static LoopbackHttpServer start(Emulator emulator, int port) {
    return start(emulator, LOOPBACK, port, IO_TIMEOUT);
  }

  /**
   * Binds {@code host:port} instead: the standalone server's {@code --host}, for clients in a
   * container ({@code 0.0.0.0} listens on every interface).
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static LoopbackHttpServer start(Emulator emulator, String host, int port) {
    return start(emulator, host, port, IO_TIMEOUT);
  }

  /** As {@link #start(Emulator, int)}, with another limit on a client's I/O (for tests). */
  static LoopbackHttpServer start(Emulator emulator, int port, Duration ioTimeout) {
    return start(emulator, LOOPBACK, port, ioTimeout);
  }

  private static LoopbackHttpServer start(
      Emulator emulator, String host, int port, Duration ioTimeout) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), BACKLOG);
    } catch (BindException e) {
      throw new UncheckedIOException(
          "Cannot listen on " + host + ":" + port + " (is the port in use?): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the local server: " + e.getMessage(), e);
    }
    int serverNumber = SERVER_NUMBERS.incrementAndGet();
    ThreadPoolExecutor handlers =
        new ThreadPoolExecutor(
            MAX_HANDLER_THREADS,
            MAX_HANDLER_THREADS,
            10,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), // at most one entry per open connection
            daemonThreads("sandbox4j-local-server-" + serverNumber + "-"));
    handlers.allowCoreThreadTimeOut(true);
    IoDeadlines deadlines =
        new IoDeadlines(ioTimeout, daemonThreads("sandbox4j-local-server-" + serverNumber + "-deadlines-"));
    server.setExecutor(exchange -> handlers.execute(deadlines.watched(exchange)));
    server.createContext("/", new HttpDispatcher(emulator, deadlines));
    server.start();
    return new LoopbackHttpServer(server, handlers, deadlines);
  }

  /** Returns the bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Returns the most handler threads that ever ran at once (for tests of the bound). */
  int largestHandlerPoolSize() {
    return handlers.getLargestPoolSize();
  }

  /** Stops the server and waits (briefly) for its threads to end. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    handlers.shutdownNow();
    deadlines.close();
    try {
      handlers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads(String namePrefix) {
    AtomicInteger threadNumbers = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, namePrefix + threadNumbers.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
