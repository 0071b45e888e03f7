package dev.sandbox4j.local.internal.envd;

import com.google.gson.JsonObject;
import dev.sandbox4j.local.internal.runtime.Failure;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The Connect protocol's two call shapes as envd serves them in JSON: unary (bare JSON message in
 * and out, errors as a non-200 status with {@code {"code","message"}}) and server streaming (one
 * enveloped request; an HTTP 200 stream of envelopes ending with an end-stream message that holds
 * the error, if any).
 */
final class Connect {

  /** A unary method. */
  @FunctionalInterface
  interface Unary {
    JsonObject handle(JsonObject request) throws IOException;
  }

  /**
   * A server-streaming method: writes its messages, returns the error for the end-stream message.
   */
  @FunctionalInterface
  interface Streaming {
    Optional<ConnectError> handle(JsonObject request) throws IOException;
  }

  private Connect() {}

  static void unary(EnvdExchange exchange, int maxRequestBytes, Unary method) throws IOException {
    if (!contentType(exchange).equals(EnvdExchange.JSON)) {
      unsupportedMediaType(exchange, EnvdExchange.JSON);
      return;
    }
    JsonObject response;
    try {
      response = method.handle(EnvdExchange.parseObject(exchange.body(maxRequestBytes)));
    } catch (Failure failure) {
      exchange.unaryError(ConnectError.of(failure));
      return;
    } catch (ConnectError error) {
      exchange.unaryError(error);
      return;
    }
    exchange.unary(response);
  }

  static void stream(EnvdExchange exchange, int maxRequestBytes, Streaming method)
      throws IOException {
    if (!contentType(exchange).equals(EnvdExchange.CONNECT_JSON)) {
      unsupportedMediaType(exchange, EnvdExchange.CONNECT_JSON);
      return;
    }
    JsonObject request;
    try {
      request = exchange.envelopedRequest(maxRequestBytes);
    } catch (ConnectError error) {
      exchange.startStream();
      exchange.endStream(Optional.of(error));
      return;
    }
    exchange.startStream();
    if (StreamTiming.of(exchange).timeout().filter(java.time.Duration::isZero).isPresent()) {
      exchange.endStream(
          Optional.of(new ConnectError(ConnectCode.DEADLINE_EXCEEDED, "Connect-Timeout-Ms is 0")));
      return;
    }
    Optional<ConnectError> result;
    try {
      result = method.handle(request);
    } catch (Failure failure) {
      result = Optional.of(ConnectError.of(failure));
    } catch (ConnectError error) {
      result = Optional.of(error);
    }
    exchange.endStream(result);
  }

  private static String contentType(EnvdExchange exchange) {
    String value = exchange.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    int semicolon = value.indexOf(';');
    return (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
  }

  private static void unsupportedMediaType(EnvdExchange exchange, String expected)
      throws IOException {
    exchange.send(
        415,
        "text/plain; charset=utf-8",
        ("unsupported content type; the sandbox4j local server speaks Connect with JSON ("
                + expected
                + ")\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
