package dev.sandbox4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile HTTP server on 127.0.0.1: it answers each request with the exact bytes queued for it
 * (anything MockWebServer refuses to send: non-ASCII header values, 10 MB header lines) and then
 * closes the connection, or holds it open without answering when the queue holds {@link #SILENCE}.
 */
final class RawSocketServer implements AutoCloseable {
  /** Queued in place of an answer: read the request, then never answer. */
  static final byte[] SILENCE = new byte[0];

  private final ServerSocket socket;
  private final BlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger closedByClient = new AtomicInteger();
  private final Set<byte[]> holding = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  RawSocketServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "raw-socket-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  void enqueue(String head, byte[] body) {
    answers.add(concat(head, body));
  }

  private static byte[] concat(String head, byte[] body) {
    byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  /** Queues an answer given as text; characters above 0xFF are sent as UTF-8. */
  void enqueue(String answer) {
    answers.add(answer.getBytes(StandardCharsets.UTF_8));
  }

  /** Queues an answer that is sent and then left open: a stream that goes quiet. */
  void enqueueThenHold(String head, byte[] body) {
    byte[] answer = concat(head, body);
    holding.add(answer);
    answers.add(answer);
  }

  void enqueueSilence() {
    answers.add(SILENCE);
  }

  int requestCount() {
    return requests.get();
  }

  /** How many connections the client closed (seen as end of stream) while we held them open. */
  int closedByClient() {
    return closedByClient.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        Thread handler = new Thread(() -> serve(connection), "raw-socket-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    open.add(connection);
    try (connection) {
      InputStream in = connection.getInputStream();
      readHead(in);
      requests.incrementAndGet();
      byte[] answer = answers.poll();
      if (answer == null || answer == SILENCE) {
        // Hold the connection until the client gives up on it.
        if (in.read() == -1) {
          closedByClient.incrementAndGet();
        }
        return;
      }
      connection.getOutputStream().write(answer);
      connection.getOutputStream().flush();
      if (holding.contains(answer)) {
        if (in.read() == -1) {
          closedByClient.incrementAndGet();
        }
        return;
      }
      connection.shutdownOutput();
      while (in.read() != -1) {
        // Drain until the client closes, so that it never sees a reset.
      }
    } catch (SocketException reset) {
      closedByClient.incrementAndGet();
    } catch (IOException ignored) {
      // The client went away: nothing more to do for this connection.
    } finally {
      open.remove(connection);
    }
  }

  /** Reads a request head and its Content-Length body. */
  private static void readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      String text = head.toString(StandardCharsets.ISO_8859_1);
      if (text.endsWith("\r\n\r\n")) {
        for (String line : text.split("\r\n")) {
          if (line.toLowerCase().startsWith("content-length:")) {
            long length = Long.parseLong(line.substring(15).trim());
            in.readNBytes((int) length);
          }
        }
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket connection : open) {
      connection.close();
    }
  }
}
