package dev.sandbox4j.local.internal.envd;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One data-plane request and its answer, with every socket call under the {@link IoWatchdog}:
 * headers and query, a bounded body, Connect unary and streaming answers, envd's plain JSON errors.
 */
final class EnvdExchange {

  static final String JSON = "application/json";
  static final String CONNECT_JSON = "application/connect+json";
  static final byte END_STREAM = 0x02;

  private final HttpExchange exchange;
  private final IoWatchdog watchdog;
  private Map<String, String> query;
  private OutputStream stream;

  EnvdExchange(HttpExchange exchange, IoWatchdog watchdog) {
    this.exchange = exchange;
    this.watchdog = watchdog;
  }

  /** The exchange itself, for a handler that answers it on its own (the code interpreter). */
  HttpExchange raw() {
    return exchange;
  }

  String method() {
    return exchange.getRequestMethod();
  }

  String path() {
    return Optional.ofNullable(exchange.getRequestURI().getRawPath()).orElse("");
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }

  Optional<String> query(String name) {
    if (query == null) {
      query = parseQuery(exchange.getRequestURI().getRawQuery());
    }
    return Optional.ofNullable(query.get(name));
  }

  boolean hasStarted() {
    return exchange.getResponseCode() != -1;
  }

  InputStream rawBody() {
    return exchange.getRequestBody();
  }

  IoWatchdog watchdog() {
    return watchdog;
  }

  /** Reads the whole body, refusing more than {@code max} bytes. */
  byte[] body(int max) throws IOException {
    InputStream in = exchange.getRequestBody();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    while (true) {
      int n = watchdog.call(() -> in.read(buffer));
      if (n < 0) {
        return out.toByteArray();
      }
      out.write(buffer, 0, n);
      if (out.size() > max) {
        throw new ConnectError(
            ConnectCode.RESOURCE_EXHAUSTED, "request body exceeds " + max + " bytes");
      }
    }
  }

  /** Parses a JSON object (a unary body, or an envelope's payload). */
  static JsonObject parseObject(byte[] json) {
    try {
      JsonElement element = JsonParser.parseString(new String(json, StandardCharsets.UTF_8));
      if (!element.isJsonObject()) {
        throw new ConnectError(
            ConnectCode.INVALID_ARGUMENT, "request message must be a JSON object");
      }
      return element.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new ConnectError(ConnectCode.INVALID_ARGUMENT, "request message is not valid JSON");
    }
  }

  /** Reads the single enveloped request message of a server-streaming call. */
  JsonObject envelopedRequest(int max) throws IOException {
    byte[] body = body(max + 5);
    if (body.length < 5) {
      throw new ConnectError(
          ConnectCode.INVALID_ARGUMENT, "request body is not a Connect envelope");
    }
    if ((body[0] & 0x01) != 0) {
      throw new ConnectError(ConnectCode.INTERNAL, "compressed request messages are not supported");
    }
    long length =
        ((body[1] & 0xFFL) << 24)
            | ((body[2] & 0xFF) << 16)
            | ((body[3] & 0xFF) << 8)
            | (body[4] & 0xFF);
    if (length != body.length - 5) {
      throw new ConnectError(
          ConnectCode.INVALID_ARGUMENT, "Connect envelope length does not match the body");
    }
    byte[] payload = java.util.Arrays.copyOfRange(body, 5, body.length);
    return parseObject(payload);
  }

  /** Answers a unary call. */
  void unary(JsonObject message) throws IOException {
    send(200, JSON, message.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Answers a unary call with a Connect error. */
  void unaryError(ConnectError error) throws IOException {
    JsonObject body = new JsonObject();
    body.addProperty("code", error.code().wireName);
    body.addProperty("message", error.getMessage());
    send(error.code().httpStatus, JSON, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Answers with envd's plain error body {@code {"code": status, "message": ...}}. */
  void httpError(int status, String message) throws IOException {
    JsonObject body = new JsonObject();
    body.addProperty("code", status);
    body.addProperty("message", message);
    send(status, JSON + "; charset=utf-8", body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Answers with a complete body. */
  void send(int status, String contentType, byte[] body) throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    boolean empty = body.length == 0 || status == 204;
    watchdog.run(
        () -> {
          exchange.sendResponseHeaders(status, empty ? -1 : body.length);
          if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
          return null;
        });
  }

  /** Starts a chunked answer (a stream, or a file of unknown length). */
  OutputStream startChunked(int status, String contentType, Map<String, String> headers)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    headers.forEach(exchange.getResponseHeaders()::set);
    watchdog.run(
        () -> {
          exchange.sendResponseHeaders(status, 0);
          return null;
        });
    stream = exchange.getResponseBody();
    return stream;
  }

  /** Starts an answer of known length; the caller writes exactly {@code length} bytes. */
  OutputStream startFixed(int status, String contentType, Map<String, String> headers, long length)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    headers.forEach(exchange.getResponseHeaders()::set);
    watchdog.run(
        () -> {
          exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
          return null;
        });
    return exchange.getResponseBody();
  }

  /** Starts a Connect server stream (HTTP 200 whatever follows). */
  void startStream() throws IOException {
    startChunked(200, CONNECT_JSON, Map.of());
  }

  /** Sends one message of the stream and flushes it to the client. */
  void envelope(JsonObject message) throws IOException {
    writeEnvelope((byte) 0, message);
  }

  /** Ends the stream: {@code {}} on success, else {@code {"error": {...}}}. */
  void endStream(Optional<ConnectError> error) throws IOException {
    JsonObject end = new JsonObject();
    error.ifPresent(
        e -> {
          JsonObject body = new JsonObject();
          body.addProperty("code", e.code().wireName);
          body.addProperty("message", e.getMessage());
          end.add("error", body);
        });
    writeEnvelope(END_STREAM, end);
    watchdog.run(
        () -> {
          stream.close();
          return null;
        });
  }

  private void writeEnvelope(byte flags, JsonObject message) throws IOException {
    byte[] payload = message.toString().getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[5 + payload.length];
    frame[0] = flags;
    frame[1] = (byte) (payload.length >>> 24);
    frame[2] = (byte) (payload.length >>> 16);
    frame[3] = (byte) (payload.length >>> 8);
    frame[4] = (byte) payload.length;
    System.arraycopy(payload, 0, frame, 5, payload.length);
    watchdog.run(
        () -> {
          stream.write(frame);
          stream.flush();
          return null;
        });
  }

  void close() {
    exchange.close();
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        params.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformed) {
        throw new HttpError(400, "malformed query parameter '" + name + "'");
      }
    }
    return params;
  }
}
