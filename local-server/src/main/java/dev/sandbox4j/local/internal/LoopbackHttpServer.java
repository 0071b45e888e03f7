package dev.sandbox4j.local.internal;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A small HTTP/1.1 server bound to 127.0.0.1, serving one {@link Emulator}.
 *
 * <p>One selector thread accepts connections and reads each request head (and a body of up to
 * {@value #PREREAD_BODY_BYTES} bytes) without blocking, under a head deadline; only a complete
 * request reaches a handler thread, so clients that send slowly, or connect and say nothing, hold
 * no thread. Handlers run on a bounded pool ({@value #MAX_HANDLER_THREADS} daemon threads, created
 * on demand, ended when idle; further requests wait in line). A handler's socket I/O (a larger
 * body, the response) runs under {@link IoDeadlines}. A TLS ClientHello is answered at once with a
 * plain-text 400 saying this is an http:// server; a malformed head gets a 400 (431 when too large)
 * before any handler sees it.
 *
 * <p>Every connection ends through {@link ClientConnection#close()}, which releases its socket and
 * forgets it: abandoned, dropped, reset and timed-out exchanges leave no descriptor behind. At most
 * {@value #MAX_CONNECTIONS} connections are open at once; more are closed as soon as accepted.
 * {@link #close()} stops accepting, closes every connection, interrupts handlers, and waits for
 * every thread to end.
 *
 * <p>Not part of the public API: use {@code dev.sandbox4j.local.LocalSandboxServer}.
 */
public final class LoopbackHttpServer implements AutoCloseable {

  /** The address every server binds: loopback only, never reachable from other machines. */
  public static final String LOOPBACK = "127.0.0.1";

  /** The most requests handled at once; the pool never grows past it. */
  static final int MAX_HANDLER_THREADS = 64;

  /** The most connections open at once. */
  static final int MAX_CONNECTIONS = 512;

  /** Bodies up to this size are read by the selector before a handler is involved. */
  static final int PREREAD_BODY_BYTES = 64 * 1024;

  /** How long a handler waits for its client to send a larger body, or to take the response. */
  static final Duration IO_TIMEOUT = Duration.ofSeconds(30);

  /** How long a client may take to send a request head (and a small body) once it started. */
  static final Duration HEAD_TIMEOUT = Duration.ofSeconds(10);

  /** How long a connection may stay open between requests. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How long a closing connection keeps reading what the client still sends (so it gets the
   * answer).
   */
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

  private static final long TICK_MILLIS = 50;
  private static final Logger LOG = Logger.getLogger(LoopbackHttpServer.class.getName());
  private static final AtomicInteger SERVER_NUMBERS = new AtomicInteger();
  private static final byte TLS_HANDSHAKE_RECORD = 0x16;

  private final ServerSocketChannel listener;
  private final Selector selector;
  private final HttpHandler handler;
  private final ThreadPoolExecutor handlers;
  private final IoDeadlines deadlines;
  private final Duration headTimeout;
  private final Duration idleTimeout;
  private final Thread selectorThread;
  private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<ClientConnection> returned = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<ClientConnection> draining = new ConcurrentLinkedQueue<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocate(16 * 1024);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final int port;

  private LoopbackHttpServer(
      ServerSocketChannel listener,
      Selector selector,
      HttpHandler handler,
      IoDeadlines deadlines,
      Duration headTimeout,
      Duration idleTimeout,
      int serverNumber) {
    this.listener = listener;
    this.selector = selector;
    this.handler = handler;
    this.deadlines = deadlines;
    this.headTimeout = headTimeout;
    this.idleTimeout = idleTimeout;
    this.port = listener.socket().getLocalPort();
    this.handlers =
        new ThreadPoolExecutor(
            MAX_HANDLER_THREADS,
            MAX_HANDLER_THREADS,
            10,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), // at most one entry per open connection
            daemonThreads("sandbox4j-local-server-" + serverNumber + "-"));
    this.handlers.allowCoreThreadTimeOut(true);
    this.selectorThread =
        daemonThreads("sandbox4j-local-server-" + serverNumber + "-selector").newThread(this::run);
  }

  /**
   * Binds {@code 127.0.0.1:port} (0 picks a free port) and starts serving.
   *
   * @throws UncheckedIOException if the port cannot be bound, for example because it is in use
   */
  public static LoopbackHttpServer start(Emulator emulator, int port) {
    return start(emulator, LOOPBACK, port, IO_TIMEOUT, HEAD_TIMEOUT);
  }

  /**
   * Binds {@code host:port} instead: the standalone server's {@code --host}, for clients in a
   * container ({@code 0.0.0.0} listens on every interface).
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static LoopbackHttpServer start(Emulator emulator, String host, int port) {
    return start(emulator, host, port, IO_TIMEOUT, HEAD_TIMEOUT);
  }

  /**
   * As {@link #start(Emulator, int)}, with {@code timeout} for a client's head and I/O (for tests).
   */
  static LoopbackHttpServer start(Emulator emulator, int port, Duration timeout) {
    return start(emulator, LOOPBACK, port, timeout, timeout);
  }

  private static LoopbackHttpServer start(
      Emulator emulator, String host, int port, Duration ioTimeout, Duration headTimeout) {
    ServerSocketChannel listener = null;
    Selector selector = null;
    try {
      listener = ServerSocketChannel.open();
      listener.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
      listener.configureBlocking(false);
      selector = Selector.open();
      listener.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      closeQuietly(listener);
      closeQuietly(selector);
      if (e instanceof BindException) {
        throw new UncheckedIOException(
            "Cannot listen on " + host + ":" + port + " (is the port in use?): " + e.getMessage(),
            e);
      }
      throw new UncheckedIOException("Cannot start the local server: " + e.getMessage(), e);
    }
    int serverNumber = SERVER_NUMBERS.incrementAndGet();
    IoDeadlines deadlines =
        new IoDeadlines(
            ioTimeout, daemonThreads("sandbox4j-local-server-" + serverNumber + "-deadlines-"));
    LoopbackHttpServer server =
        new LoopbackHttpServer(
            listener,
            selector,
            new HttpDispatcher(emulator, deadlines),
            deadlines,
            headTimeout,
            IDLE_TIMEOUT,
            serverNumber);
    server.selectorThread.start();
    return server;
  }

  /** Returns the bound port. */
  public int port() {
    return port;
  }

  /** Returns the most handler threads that ever ran at once (for tests of the bound). */
  int largestHandlerPoolSize() {
    return handlers.getLargestPoolSize();
  }

  /** Returns how many client connections are open now (for tests of leaks). */
  int openConnections() {
    return open.size();
  }

  /** Stops the server and waits (briefly) for its threads to end. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    selector.wakeup();
    handlers.shutdownNow();
    deadlines.close();
    try {
      selectorThread.join(5_000);
      handlers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    new ArrayList<>(open).forEach(ClientConnection::close);
  }

  private void run() {
    try {
      while (!closed.get()) {
        List<ClientConnection> complete = new ArrayList<>();
        selector.select(key -> onReady(key, complete), TICK_MILLIS);
        registerReturned();
        expire(System.nanoTime());
        if (!complete.isEmpty()) {
          selector.selectNow(); // deregisters the cancelled keys, so the channels may block
          selector.selectedKeys().clear();
          complete.forEach(this::dispatch);
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      if (!closed.get()) {
        LOG.log(Level.WARNING, "local-server stopped accepting connections", e);
      }
    } finally {
      closeQuietly(listener);
      new ArrayList<>(open).forEach(ClientConnection::close);
      closeQuietly(selector);
    }
  }

  private void onReady(SelectionKey key, List<ClientConnection> complete) {
    if (!key.isValid()) {
      return;
    }
    if (key.isAcceptable()) {
      acceptAll();
      return;
    }
    ClientConnection connection = (ClientConnection) key.attachment();
    readBuffer.clear();
    int read;
    try {
      read = connection.channel.read(readBuffer);
    } catch (IOException reset) {
      connection.close();
      return;
    }
    if (read < 0) {
      connection.close();
      return;
    }
    readBuffer.flip();
    if (connection.phase == ClientConnection.Phase.DRAINING) {
      return; // discarded
    }
    boolean started = !connection.idle();
    connection.append(readBuffer);
    if (!started && read > 0) {
      connection.deadlineNanos = System.nanoTime() + headTimeout.toNanos();
    }
    readRequest(connection, key, complete);
  }

  /** Decides what a connection's pending bytes amount to: nothing yet, an error, or a request. */
  private void readRequest(
      ClientConnection connection, SelectionKey key, List<ClientConnection> complete) {
    if (connection.idle()) {
      return;
    }
    if (connection.pendingByte(0) == TLS_HANDSHAKE_RECORD) {
      refuse(
          connection,
          400,
          "This is an http:// server: TLS is not served here. Use http://" + LOOPBACK + ":" + port);
      return;
    }
    int headEnd = connection.headEnd();
    if (headEnd < 0) {
      if (connection.pendingLength() > RequestHead.MAX_BYTES) {
        refuse(
            connection,
            431,
            "The request line and headers exceed " + RequestHead.MAX_BYTES + " bytes");
      }
      return;
    }
    RequestHead head;
    try {
      byte[] bytes = new byte[headEnd];
      for (int i = 0; i < headEnd; i++) {
        bytes[i] = connection.pendingByte(i);
      }
      head = RequestHead.parse(bytes, trimBlankLine(bytes, headEnd));
    } catch (RequestHead.Malformed malformed) {
      refuse(connection, malformed.status, malformed.getMessage());
      return;
    }
    long bodyLength = head.contentLength.orElse(-1);
    boolean preread = !head.chunked && bodyLength <= PREREAD_BODY_BYTES;
    if (preread && connection.pendingLength() - headEnd < bodyLength) {
      if (head.expectsContinue && !connection.continueSent) {
        connection.continueSent = true;
        writeNow(connection, "HTTP/1.1 100 Continue\r\n\r\n");
      }
      return; // wait for the rest of a small body
    }
    connection.take(headEnd);
    connection.continueSent = false;
    connection.pendingHead = head;
    key.cancel();
    complete.add(connection);
  }

  private void dispatch(ClientConnection connection) {
    RequestHead head = connection.pendingHead;
    connection.pendingHead = null;
    try {
      connection.channel.configureBlocking(true);
      connection.phase = ClientConnection.Phase.SERVING;
      if (head.expectsContinue
          && (head.chunked || head.contentLength.orElse(0) > PREREAD_BODY_BYTES)) {
        byte[] go = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        connection.write(go, 0, go.length); // the handler reads this body itself
      }
      LoopbackExchange exchange = new LoopbackExchange(connection, head, endings);
      handlers.execute(deadlines.watched(() -> handle(exchange)));
    } catch (IOException | RejectedExecutionException e) {
      connection.close();
    }
  }

  private void handle(LoopbackExchange exchange) {
    try {
      handler.handle(exchange);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "local-server handler failed", e);
      exchange.close();
    }
  }

  private final LoopbackExchange.Ending endings =
      new LoopbackExchange.Ending() {
        @Override
        public void reuse(ClientConnection connection) {
          returned.add(connection);
          selector.wakeup();
        }

        @Override
        public void drainAndClose(ClientConnection connection) {
          try {
            connection.channel.shutdownOutput();
          } catch (IOException gone) {
            connection.close();
            return;
          }
          draining.add(connection);
          selector.wakeup();
        }
      };

  private void registerReturned() {
    long now = System.nanoTime();
    for (ClientConnection connection; (connection = returned.poll()) != null; ) {
      connection.phase = ClientConnection.Phase.READING_REQUEST;
      connection.deadlineNanos = now + (connection.idle() ? idleTimeout : headTimeout).toNanos();
      SelectionKey key = register(connection);
      if (key != null && !connection.idle()) {
        List<ClientConnection> complete = new ArrayList<>(); // a pipelined request already arrived
        readRequest(connection, key, complete);
        if (!complete.isEmpty()) {
          try {
            selector.selectNow();
            selector.selectedKeys().clear();
          } catch (IOException e) {
            connection.close();
            continue;
          }
          complete.forEach(this::dispatch);
        }
      }
    }
    for (ClientConnection connection; (connection = draining.poll()) != null; ) {
      connection.phase = ClientConnection.Phase.DRAINING;
      connection.discardPending();
      connection.deadlineNanos = now + DRAIN_TIMEOUT.toNanos();
      register(connection);
    }
  }

  private SelectionKey register(ClientConnection connection) {
    try {
      connection.channel.configureBlocking(false);
      return connection.channel.register(selector, SelectionKey.OP_READ, connection);
    } catch (IOException | RuntimeException e) {
      connection.close();
      return null;
    }
  }

  private void acceptAll() {
    while (true) {
      SocketChannel channel;
      try {
        channel = listener.accept();
      } catch (IOException e) {
        return; // for example out of file descriptors: try again on the next readiness
      }
      if (channel == null) {
        return;
      }
      ClientConnection connection = new ClientConnection(channel, open::remove);
      if (open.size() >= MAX_CONNECTIONS || closed.get()) {
        connection.close();
        continue;
      }
      open.add(connection);
      try {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, connection);
        connection.deadlineNanos = System.nanoTime() + idleTimeout.toNanos();
      } catch (IOException | RuntimeException e) {
        connection.close();
      }
    }
  }

  /** Closes connections on the selector whose head, idle or drain time has passed. */
  private void expire(long now) {
    for (ClientConnection connection : open) {
      if (connection.phase != ClientConnection.Phase.SERVING
          && now - connection.deadlineNanos > 0) {
        connection.close();
      }
    }
  }

  /** Answers a request that will not reach a handler with a plain-text error, then closes. */
  private void refuse(ClientConnection connection, int status, String reason) {
    byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
    writeNow(
        connection,
        "HTTP/1.1 "
            + status
            + (status == 431 ? " Request Header Fields Too Large" : " Bad Request")
            + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n"
            + new String(body, StandardCharsets.ISO_8859_1));
    try {
      connection.channel.shutdownOutput();
    } catch (IOException gone) {
      connection.close();
      return;
    }
    connection.phase = ClientConnection.Phase.DRAINING;
    connection.discardPending();
    connection.deadlineNanos = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
  }

  /** A short non-blocking write on the selector; a client that cannot take it is closed. */
  private static void writeNow(ClientConnection connection, String text) {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    try {
      connection.channel.write(bytes);
    } catch (IOException gone) {
      connection.close();
      return;
    }
    if (bytes.hasRemaining()) {
      connection.close();
    }
  }

  private static int trimBlankLine(byte[] head, int end) {
    int length = end;
    while (length > 0 && (head[length - 1] == '\n' || head[length - 1] == '\r')) {
      length--;
    }
    return length;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing on the way out; nothing else to do
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
