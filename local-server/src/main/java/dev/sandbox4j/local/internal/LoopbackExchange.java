package dev.sandbox4j.local.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request and its response on a {@link ClientConnection}, behind the JDK's {@link HttpExchange}
 * API so handlers are written as for {@code com.sun.net.httpserver}.
 *
 * <p>Request bodies are framed by {@code Content-Length} or chunked; responses by {@code
 * Content-Length} ({@code sendResponseHeaders(code, n > 0)}), chunked ({@code 0}) or none ({@code
 * -1}). {@link #close()} ends the exchange on every path: without a response it drops the
 * connection; after a complete response whose request body was read to its end the connection is
 * handed back for the next request; otherwise it is drained and closed.
 */
final class LoopbackExchange extends HttpExchange {

  /** What the exchange does with its connection when it ends. */
  interface Ending {
    /** The connection may carry another request. */
    void reuse(ClientConnection connection);

    /** Shut down output, discard what the client still sends for a short while, then close. */
    void drainAndClose(ClientConnection connection);
  }

  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final ClientConnection connection;
  private final RequestHead head;
  private final Ending ending;
  private final BodyInput requestBody;
  private final Headers responseHeaders = new Headers();
  private final Map<String, Object> attributes = new HashMap<>();
  private InputStream requestStream;
  private OutputStream responseStream;
  private BodyOutput responseBody;
  private int responseCode = -1;
  private boolean closed;

  LoopbackExchange(ClientConnection connection, RequestHead head, Ending ending) {
    this.connection = connection;
    this.head = head;
    this.ending = ending;
    InputStream in = connection.input();
    this.requestBody =
        head.chunked ? BodyInput.chunked(in) : BodyInput.fixed(in, head.contentLength.getAsLong());
    this.requestStream = requestBody;
  }

  @Override
  public Headers getRequestHeaders() {
    return head.headers;
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return head.uri;
  }

  @Override
  public String getRequestMethod() {
    return head.method;
  }

  @Override
  public HttpContext getHttpContext() {
    return null; // one handler serves every path; there are no contexts
  }

  @Override
  public InputStream getRequestBody() {
    return requestStream;
  }

  @Override
  public OutputStream getResponseBody() {
    if (responseStream == null) {
      throw new IllegalStateException("sendResponseHeaders must be called first");
    }
    return responseStream;
  }

  @Override
  public void sendResponseHeaders(int code, long length) throws IOException {
    if (responseCode != -1) {
      throw new IOException("headers already sent");
    }
    responseCode = code;
    boolean noBodyAllowed = code == 204 || code == 304 || code < 200 || head.method.equals("HEAD");
    // A body left unread (a 413) ends the connection: the client must not send its next request
    // there.
    boolean closeAfter =
        !head.keepAlive
            || !requestBody.atEnd()
            || "close".equalsIgnoreCase(responseHeaders.getFirst("Connection"));
    StringBuilder text = new StringBuilder(256);
    text.append("HTTP/1.1 ").append(code).append(' ').append(reason(code)).append("\r\n");
    text.append("Date: ")
        .append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)))
        .append("\r\n");
    responseHeaders.remove("Content-Length");
    responseHeaders.remove("Transfer-Encoding");
    responseHeaders.remove("Connection");
    for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
      for (String value : header.getValue()) {
        if ((header.getKey() + value).chars().anyMatch(c -> c == '\r' || c == '\n')) {
          throw new IllegalArgumentException(
              "a response header holds CR or LF: " + header.getKey());
        }
        text.append(header.getKey()).append(": ").append(value).append("\r\n");
      }
    }
    if (noBodyAllowed || length < 0) {
      responseBody = BodyOutput.none();
      if (!noBodyAllowed || head.method.equals("HEAD")) {
        text.append("Content-Length: ")
            .append(noBodyAllowed ? Math.max(length, 0) : 0)
            .append("\r\n");
      }
    } else if (length == 0) {
      responseBody = BodyOutput.chunked(connection);
      text.append("Transfer-Encoding: chunked\r\n");
    } else {
      responseBody = BodyOutput.fixed(connection, length);
      text.append("Content-Length: ").append(length).append("\r\n");
    }
    if (closeAfter) {
      text.append("Connection: close\r\n");
      responseBody.keepConnection = false;
    }
    text.append("\r\n");
    byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
    connection.write(bytes, 0, bytes.length);
    responseStream = responseBody;
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return (InetSocketAddress) connection.channel.socket().getRemoteSocketAddress();
  }

  @Override
  public int getResponseCode() {
    return responseCode;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return (InetSocketAddress) connection.channel.socket().getLocalSocketAddress();
  }

  @Override
  public String getProtocol() {
    return head.protocol;
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public void setStreams(InputStream in, OutputStream out) {
    if (in != null) {
      requestStream = in;
    }
    if (out != null) {
      responseStream = out;
    }
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return null;
  }

  /**
   * Ends the exchange; idempotent. Without a response the connection is dropped, which is how a
   * fault withholds an answer.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (responseBody == null || connection.isClosed()) {
      connection.close();
      return;
    }
    boolean complete;
    try {
      complete = responseBody.finish();
    } catch (IOException | RuntimeException broken) {
      connection.close();
      return;
    }
    if (!complete) {
      connection
          .close(); // a body shorter than its Content-Length: the client must not wait for more
    } else if (requestBody.atEnd() && responseBody.keepConnection) {
      ending.reuse(connection);
    } else {
      ending.drainAndClose(connection);
    }
  }

  private static String reason(int code) {
    return switch (code) {
      case 100 -> "Continue";
      case 200 -> "OK";
      case 201 -> "Created";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 307 -> "Temporary Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Status " + code;
    };
  }
}
