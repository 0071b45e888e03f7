package dev.sandbox4j.local.internal;

import com.google.gson.Gson;
import dev.sandbox4j.generated.JSON;
import dev.sandbox4j.generated.model.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response before it is written: status, headers and body bytes.
 *
 * <p>Handlers build one of these instead of writing to the socket, so the dispatcher can still
 * decide to drop the connection after the operation has taken effect (a fault hook).
 */
record ApiResponse(int status, Map<String, String> headers, byte[] body) {

  static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

  /**
   * The generated client's gson with every adapter it registers, minus HTML escaping: the real
   * server writes characters such as {@code ' < = &} as themselves, not as unicode escapes, and
   * metadata values are full of them.
   */
  private static final Gson WIRE_GSON = JSON.getGson().newBuilder().disableHtmlEscaping().create();

  ApiResponse {
    headers = Map.copyOf(headers);
  }

  /** A JSON response; the body is serialised with the generated client's gson. */
  static ApiResponse json(int status, Object body) {
    return raw(status, JSON_CONTENT_TYPE, WIRE_GSON.toJson(body));
  }

  /** A response with the given content type and text body. */
  static ApiResponse raw(int status, String contentType, String body) {
    return new ApiResponse(
        status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
  }

  /** A bodiless response, such as 204. */
  static ApiResponse empty(int status) {
    return new ApiResponse(status, Map.of(), new byte[0]);
  }

  /** The {@code {code, message}} error body every error status carries. */
  static ApiResponse error(int status, String message) {
    return json(status, new ApiError().code(status).message(message));
  }

  ApiResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new ApiResponse(status, copy, body);
  }
}
