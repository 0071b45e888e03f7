package dev.sandbox4j.local.internal;

import java.util.Map;

/**
 * A request the server answers with an error status and a {@code {code, message}} body.
 *
 * <p>Thrown anywhere below the request dispatcher and turned into a response in one place. It
 * carries no stack trace: it is a control-flow signal for bad input, not a bug report.
 */
final class ApiProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Map<String, String> headers;

  ApiProblem(int status, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  static ApiProblem badRequest(String message) {
    return new ApiProblem(400, message, Map.of());
  }

  static ApiProblem unauthorized(String message) {
    return new ApiProblem(401, message, Map.of());
  }

  static ApiProblem notFound(String message) {
    return new ApiProblem(404, message, Map.of());
  }

  static ApiProblem conflict(String message) {
    return new ApiProblem(409, message, Map.of());
  }

  int status() {
    return status;
  }

  ApiResponse toResponse() {
    ApiResponse response = ApiResponse.error(status, getMessage());
    for (Map.Entry<String, String> header : headers.entrySet()) {
      response = response.withHeader(header.getKey(), header.getValue());
    }
    return response;
  }
}
