package dev.sandbox4j.local;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small envd client for the tests, speaking the bytes the official JS SDK sends: Connect JSON
 * (unary bodies, enveloped stream requests), the sandbox headers, {@code /files}.
 */
final class EnvdTestClient {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String url;
  private final String sandboxId;
  private final Map<String, String> headers;

  EnvdTestClient(String url, String sandboxId, Map<String, String> headers) {
    this.url = url;
    this.sandboxId = sandboxId;
    this.headers = Map.copyOf(headers);
  }

  static EnvdTestClient of(LocalSandboxServer server, String sandboxId) {
    return new EnvdTestClient(server.sandboxUrl(), sandboxId, Map.of());
  }

  String sandboxId() {
    return sandboxId;
  }

  EnvdTestClient withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new EnvdTestClient(url, sandboxId, copy);
  }

  /** A unary Connect call; the reply's body is the JSON message or the Connect error. */
  Reply unary(String method, String json) {
    HttpRequest.Builder request =
        request("/" + method)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    return send(request);
  }

  /** Starts a server-streaming call; read its messages with {@link Stream#next()}. */
  Stream stream(String method, String json, Map<String, String> extraHeaders) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer body =
        ByteBuffer.allocate(5 + payload.length).put((byte) 0).putInt(payload.length).put(payload);
    HttpRequest.Builder request =
        request("/" + method)
            .header("Content-Type", "application/connect+json")
            .header("Connect-Protocol-Version", "1")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.array()));
    extraHeaders.forEach(request::header);
    try {
      HttpResponse<InputStream> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      return new Stream(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code bash -l -c command} (stdin closed) and collects the whole stream. */
  Run run(String command) {
    return run(command, "{}", "");
  }

  Run run(String command, String envsJson, String cwd) {
    String json =
        "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\","
            + quote(command)
            + "],\"envs\":"
            + envsJson
            + (cwd.isEmpty() ? "" : ",\"cwd\":" + quote(cwd))
            + "},\"stdin\":false}";
    try (Stream stream = stream("process.Process/Start", json, Map.of())) {
      return stream.collect();
    }
  }

  Reply get(String pathAndQuery, Map<String, String> extra) {
    HttpRequest.Builder request = request(pathAndQuery).GET();
    extra.forEach(request::header);
    return send(request);
  }

  Reply upload(String pathAndQuery, String contentType, byte[] body) {
    return send(
        request(pathAndQuery)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** A multipart body as undici builds it: parts named {@code file}, filename = the path. */
  static byte[] multipart(String boundary, Map<String, byte[]> files) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String head =
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
              + file.getKey()
              + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
      out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
      out.writeBytes(file.getValue());
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  static String quote(String text) {
    com.google.gson.JsonPrimitive primitive = new com.google.gson.JsonPrimitive(text);
    return primitive.toString();
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url + pathAndQuery))
            .timeout(Duration.ofSeconds(60))
            .header("Novita-Sandbox-Id", sandboxId)
            .header("Novita-Sandbox-Port", "49983");
    headers.forEach(request::setHeader);
    return request;
  }

  private static Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A complete answer. */
  record Reply(int status, Map<String, List<String>> headers, byte[] bytes) {
    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    JsonObject object() {
      return JsonParser.parseString(body()).getAsJsonObject();
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** One message of a stream; {@code endStream} for the last. */
  record Message(boolean endStream, JsonObject json) {}

  /** A server stream being read. */
  static final class Stream implements AutoCloseable {
    final HttpResponse<InputStream> response;
    private final DataInputStream in;

    Stream(HttpResponse<InputStream> response) {
      this.response = response;
      this.in = new DataInputStream(response.body());
    }

    /** The next message, or null at the end of the body. */
    Message next() {
      try {
        int flags;
        try {
          flags = in.readUnsignedByte();
        } catch (EOFException end) {
          return null;
        }
        int length = in.readInt();
        byte[] payload = in.readNBytes(length);
        return new Message(
            (flags & 0x02) != 0,
            JsonParser.parseString(new String(payload, StandardCharsets.UTF_8)).getAsJsonObject());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Reads the first message, the start event, and returns the started process's pid. */
    long startPid() {
      return next().json().getAsJsonObject("event").getAsJsonObject("start").get("pid").getAsLong();
    }

    /** Reads everything up to and including the end-stream message. */
    Run collect() {
      List<JsonObject> events = new ArrayList<>();
      java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
      java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
      JsonObject end = null;
      JsonObject endStream = null;
      Message message;
      while ((message = next()) != null) {
        if (message.endStream()) {
          endStream = message.json();
          break;
        }
        JsonObject event = message.json().getAsJsonObject("event");
        events.add(event);
        if (event.has("data")) {
          JsonObject data = event.getAsJsonObject("data");
          if (data.has("stdout")) {
            stdout.writeBytes(Base64.getDecoder().decode(data.get("stdout").getAsString()));
          }
          if (data.has("stderr")) {
            stderr.writeBytes(Base64.getDecoder().decode(data.get("stderr").getAsString()));
          }
        }
        if (event.has("end")) {
          end = event.getAsJsonObject("end");
        }
      }
      return new Run(
          response.statusCode(),
          events,
          stdout.toByteArray(),
          stderr.toByteArray(),
          end,
          endStream);
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException ignored) {
        // closing our end of a stream
      }
    }
  }

  /** A whole command stream: its events, output, end event and end-stream message. */
  record Run(
      int httpStatus,
      List<JsonObject> events,
      byte[] stdoutBytes,
      byte[] stderrBytes,
      JsonObject end,
      JsonObject endStream) {
    String stdout() {
      return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    String stderr() {
      return new String(stderrBytes, StandardCharsets.UTF_8);
    }

    int exitCode() {
      return end.has("exitCode") ? end.get("exitCode").getAsInt() : 0;
    }

    String errorCode() {
      return endStream.has("error")
          ? endStream.getAsJsonObject("error").get("code").getAsString()
          : null;
    }

    String errorMessage() {
      return endStream.getAsJsonObject("error").get("message").getAsString();
    }
  }
}
