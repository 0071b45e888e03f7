package dev.sandbox4j.local.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sandbox4j.local.Fault;
import dev.sandbox4j.local.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one HTTP handler: reads a request, routes it to the test hooks or to the API, applies
 * injected faults, logs it, and writes (or withholds) the response.
 *
 * <p>Nothing escapes: an unexpected exception becomes a 500 with a JSON body (a server bug, never
 * bad input), a failed read or write of the socket (the client went away, or was too slow) ends the
 * exchange quietly, and the exchange is always closed. Socket I/O runs under an {@link IoDeadlines}
 * deadline; computing and a fault's delay do not. Closing an exchange before any response was sent
 * closes its TCP connection, which is how a fault "drops" a request.
 */
final class HttpDispatcher implements HttpHandler {

  static final int MAX_BODY_BYTES = 1 << 20;
  private static final String API_KEY_HEADER = "x-api-key";
  private static final String AUTHORIZATION_HEADER = "authorization";
  private static final Logger LOG = Logger.getLogger(HttpDispatcher.class.getName());

  private final Emulator emulator;
  private final IoDeadlines deadlines;

  HttpDispatcher(Emulator emulator, IoDeadlines deadlines) {
    this.emulator = emulator;
    this.deadlines = deadlines;
  }

  @Override
  public void handle(HttpExchange exchange) {
    // Data plane: a request naming a sandbox (Novita-Sandbox-Id) is envd's; the gateway answers
    // and closes it on its own threads, so this handler thread is free again at once.
    if (emulator.dataPlane().takeOver(exchange)) {
      return;
    }
    try {
      dispatch(exchange);
    } catch (IOException e) { // the client is gone or too slow: nothing to answer, not a bug
      LOG.log(Level.FINE, "local-server lost the client of " + exchange.getRequestURI(), e);
    } catch (Throwable t) { // the last line of defence: never let the JDK server answer instead
      LOG.log(Level.WARNING, "local-server failed on " + exchange.getRequestURI(), t);
      if (exchange.getResponseCode() == -1) {
        deadlines.start();
        tryWrite(exchange, ApiResponse.error(500, "Internal error in local-server: " + t));
      }
    } finally {
      deadlines.start(); // closing may still drain the rest of an unread body
      exchange.close();
    }
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    Instant receivedAt = emulator.now();
    ApiRequest request;
    try {
      request = read(exchange); // still under the deadline started with the exchange
    } catch (ApiProblem tooLarge) {
      deadlines.start();
      write(exchange, tooLarge.toResponse());
      return;
    }
    if (!deadlines.stop()) {
      return; // too slow: the deadline has closed the connection
    }
    if (AdminRoutes.isAdminPath(request.rawPath())) {
      ApiResponse response = emulator.handleAdmin(request);
      deadlines.start();
      write(exchange, response);
      return;
    }
    Optional<Fault> fault = emulator.takeFault(request.method(), request.rawPath());
    if (fault.isPresent() && !waitOut(fault.get().delay())) {
      log(receivedAt, request, 0); // interrupted: the server is closing
      return;
    }
    Fault.Effect effect = fault.map(Fault::effect).orElseGet(Fault.Proceed::new);
    ApiResponse response;
    if (effect instanceof Fault.Respond respond) {
      response = faultResponse(respond);
    } else if (effect instanceof Fault.DropBeforeActing) {
      response = null;
    } else {
      response = emulator.handleApi(request); // Proceed, DropAfterActing
    }
    if (response == null || effect instanceof Fault.DropAfterActing) {
      log(receivedAt, request, 0); // closing the exchange unanswered drops the connection
      return;
    }
    log(receivedAt, request, response.status());
    deadlines.start();
    write(exchange, response);
  }

  private static ApiRequest read(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new ApiProblem(413, "Request body exceeds " + MAX_BODY_BYTES + " bytes", Map.of());
    }
    return new ApiRequest(
        exchange.getRequestMethod(),
        Optional.ofNullable(uri.getRawPath()).orElse(""),
        Optional.ofNullable(uri.getRawQuery()).orElse(""),
        headers,
        body);
  }

  /** Sleeps for a fault's delay; false if interrupted, which happens only when closing. */
  private static boolean waitOut(Duration delay) {
    if (delay.isZero()) {
      return true;
    }
    try {
      Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static ApiResponse faultResponse(Fault.Respond fault) {
    ApiResponse response =
        fault
            .body()
            .map(body -> ApiResponse.raw(fault.status(), ApiResponse.JSON_CONTENT_TYPE, body))
            .orElseGet(() -> ApiResponse.error(fault.status(), "Fault injected by local-server"));
    return fault
        .retryAfter()
        .map(value -> response.withHeader("Retry-After", value))
        .orElse(response);
  }

  private void log(Instant receivedAt, ApiRequest request, int status) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.headers().forEach((name, values) -> headers.put(name, redact(name, values)));
    emulator.record(
        new RecordedRequest(
            receivedAt,
            request.method(),
            request.rawPath(),
            request.rawQuery(),
            headers,
            request.bodyText(),
            status));
  }

  /**
   * Replaces secret header values. For {@code Authorization} the scheme ("Bearer") is kept, so a
   * log still shows which kind of credential was sent.
   */
  private static List<String> redact(String name, List<String> values) {
    if (!name.equals(API_KEY_HEADER) && !name.equals(AUTHORIZATION_HEADER)) {
      return values;
    }
    List<String> redacted = new ArrayList<>(values.size());
    for (String value : values) {
      int space = value.indexOf(' ');
      boolean keepScheme = name.equals(AUTHORIZATION_HEADER) && space > 0;
      redacted.add(
          keepScheme
              ? value.substring(0, space + 1) + RecordedRequest.REDACTED
              : RecordedRequest.REDACTED);
    }
    return redacted;
  }

  private static void tryWrite(HttpExchange exchange, ApiResponse response) {
    try {
      write(exchange, response);
    } catch (IOException | RuntimeException ignored) {
      // The client is gone or the exchange is broken; closing it is all that is left.
    }
  }

  private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
    response.headers().forEach(exchange.getResponseHeaders()::set);
    boolean bodiless =
        response.body().length == 0
            || response.status() == 204
            || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    exchange.sendResponseHeaders(response.status(), bodiless ? -1 : response.body().length);
    if (!bodiless) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }
}
