package dev.sandbox4j.local.internal.interpreter;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves one sandbox's code interpreter over HTTP as the real one on port 49999 does: {@code POST
 * /execute} (streamed NDJSON), {@code GET|POST /contexts}, {@code DELETE /contexts/{id}}, {@code
 * POST /contexts/{id}/restart} and {@code GET /health}, with the real server's statuses and bodies
 * (plain-text errors, 422 validation details, FastAPI's 404 and 405).
 *
 * <p>{@link #handle} always closes the exchange, ends quietly when the client goes away, and
 * answers an unexpected failure with a 500 if nothing was sent yet. Socket I/O runs under the
 * {@link ClientIoDeadline}; waiting for a kernel does not.
 */
public final class CodeInterpreterHttp {

  /** Bodies above this size get a 413; code of this size is far beyond any real cell. */
  static final int MAX_BODY_BYTES = 16 << 20;

  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String JSON = "application/json";
  private static final String CONTEXTS = "/contexts";
  private static final String RESTART = "/restart";
  private static final Logger LOG = Logger.getLogger(CodeInterpreterHttp.class.getName());

  private final CodeInterpreter interpreter;
  private final ClientIoDeadline deadline;

  /** Serves {@code interpreter} with no I/O deadline. */
  public CodeInterpreterHttp(CodeInterpreter interpreter) {
    this(interpreter, ClientIoDeadline.NONE);
  }

  /** Serves {@code interpreter}, bounding each socket read and write with {@code deadline}. */
  public CodeInterpreterHttp(CodeInterpreter interpreter, ClientIoDeadline deadline) {
    this.interpreter = interpreter;
    this.deadline = deadline;
  }

  /**
   * Answers one request, reading its body (under the deadline that is running when called), and
   * closes the exchange.
   *
   * @param path the request's raw (still percent-encoded) path, such as {@code /contexts/ctx%2F1}
   */
  public void handle(HttpExchange exchange, String path) {
    serve(exchange, path, null);
  }

  /**
   * Answers one request whose body the caller has already read, and closes the exchange.
   *
   * @param path the request's raw (still percent-encoded) path, such as {@code /contexts/ctx%2F1}
   * @param body the whole request body (empty when there was none)
   */
  public void handle(HttpExchange exchange, String path, byte[] body) {
    serve(exchange, path, body.clone());
  }

  private void serve(HttpExchange exchange, String path, byte[] readBody) {
    try {
      byte[] body = readBody != null ? readBody : readBody(exchange);
      if (!deadline.stop()) {
        return; // too slow: the deadline has closed the connection
      }
      if (body == null) {
        respond(exchange, 413, TEXT, "Request body exceeds " + MAX_BODY_BYTES + " bytes");
        return;
      }
      route(exchange, path, body);
    } catch (IOException e) { // the client is gone or too slow: nothing to answer, not a bug
      LOG.log(Level.FINE, "code interpreter lost the client of " + path, e);
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "code interpreter failed on " + path, e);
      if (exchange.getResponseCode() == -1) {
        try {
          respond(exchange, 500, TEXT, "Internal error in the local code interpreter: " + e);
        } catch (IOException | RuntimeException ignored) {
          // The exchange is broken; closing it is all that is left.
        }
      }
    } finally {
      deadline.start(); // closing may still drain the rest of an unread body
      exchange.close();
      deadline.stop();
    }
  }

  private void route(HttpExchange exchange, String path, byte[] body) throws IOException {
    String method = exchange.getRequestMethod();
    if (path.equals("/health")) {
      if (allowed(exchange, "GET")) {
        respond(exchange, 200, JSON, "\"OK\"");
      }
    } else if (path.equals("/execute")) {
      if (allowed(exchange, "POST")) {
        execute(exchange, body);
      }
    } else if (path.equals(CONTEXTS)) {
      if (method.equals("GET")) {
        listContexts(exchange);
      } else if (allowed(exchange, "POST", "GET")) {
        createContext(exchange, body);
      }
    } else if (path.startsWith(CONTEXTS + "/") && path.endsWith(RESTART)) {
      Optional<String> id =
          contextId(path.substring(CONTEXTS.length() + 1, path.length() - RESTART.length()));
      if (id.isEmpty()) {
        notFound(exchange);
      } else if (allowed(exchange, "POST")) {
        restartContext(exchange, id.get());
      }
    } else if (path.startsWith(CONTEXTS + "/")) {
      Optional<String> id = contextId(path.substring(CONTEXTS.length() + 1));
      if (id.isEmpty()) {
        notFound(exchange);
      } else if (allowed(exchange, "DELETE")) {
        removeContext(exchange, id.get());
      }
    } else {
      notFound(exchange);
    }
  }

  private void execute(HttpExchange exchange, byte[] body) throws IOException {
    InterpreterRequests.Execute request;
    try {
      request = InterpreterRequests.execute(body);
    } catch (InterpreterRequests.Invalid invalid) {
      respondJson(exchange, 422, invalid.body());
      return;
    }
    Optional<String> contextId = request.contextId().filter(id -> !id.isEmpty());
    Optional<String> language = request.language().filter(name -> !name.isEmpty());
    if (contextId.isPresent() && language.isPresent()) {
      respond(exchange, 400, TEXT, "Only one of context_id or language can be provided");
      return;
    }
    CodeContext context;
    if (contextId.isPresent()) {
      Optional<CodeContext> found = interpreter.context(contextId.get());
      if (found.isEmpty()) {
        respond(exchange, 404, TEXT, "Context " + contextId.get() + " not found");
        return;
      }
      context = found.get();
    } else {
      String name = language.orElse("python");
      Optional<KernelLanguage> kernelLanguage = KernelLanguage.parse(name);
      if (kernelLanguage.isEmpty()) {
        respond(exchange, 500, TEXT, KernelLanguage.unsupported(name));
        return;
      }
      try {
        context = interpreter.defaultContext(kernelLanguage.get());
      } catch (KernelStartException e) {
        respond(exchange, 500, TEXT, e.getMessage());
        return;
      }
    }
    Duration timeout = request.timeout().orElse(interpreter.settings().executionTimeout());
    deadline.start();
    exchange.sendResponseHeaders(200, 0); // chunked: each line leaves when it is written
    OutputStream out = exchange.getResponseBody();
    if (!deadline.stop()) {
      return;
    }
    NdjsonExecutionStream stream = new NdjsonExecutionStream(out, deadline);
    context.execute(
        request.code(),
        request.envVars(),
        timeout,
        stream,
        interpreter.settings(),
        interpreter.clock());
    stream.endOfExecution();
    deadline.start();
    out.close();
    deadline.stop();
  }

  private void listContexts(HttpExchange exchange) throws IOException {
    JsonArray list = new JsonArray();
    interpreter.contexts().forEach(context -> list.add(context.toJson()));
    respondJson(exchange, 200, list);
  }

  private void createContext(HttpExchange exchange, byte[] body) throws IOException {
    InterpreterRequests.CreateContext request;
    try {
      request = InterpreterRequests.createContext(body);
    } catch (InterpreterRequests.Invalid invalid) {
      respondJson(exchange, 422, invalid.body());
      return;
    }
    Optional<KernelLanguage> language = KernelLanguage.parse(request.language());
    if (language.isEmpty()) {
      respond(exchange, 500, TEXT, KernelLanguage.unsupported(request.language()));
      return;
    }
    try {
      respondJson(exchange, 200, interpreter.create(language.get(), request.cwd()).toJson());
    } catch (KernelStartException e) {
      respond(exchange, 500, TEXT, e.getMessage());
    }
  }

  private void restartContext(HttpExchange exchange, String id) throws IOException {
    Optional<CodeContext> context = interpreter.context(id);
    try {
      if (context.isPresent() && context.get().restart()) {
        respondJson(exchange, 200, JsonNull.INSTANCE);
        return;
      }
    } catch (KernelStartException e) {
      respond(exchange, 500, TEXT, e.getMessage());
      return;
    }
    respond(exchange, 404, TEXT, "Context " + id + " not found");
  }

  private void removeContext(HttpExchange exchange, String id) throws IOException {
    if (interpreter.remove(id)) {
      respondJson(exchange, 200, JsonNull.INSTANCE);
    } else {
      respond(exchange, 404, TEXT, "Context " + id + " not found");
    }
  }

  /** The decoded context ID of a path segment; empty when it is blank or badly encoded. */
  private static Optional<String> contextId(String segment) {
    if (segment.isEmpty() || segment.contains("/")) {
      return Optional.empty();
    }
    try {
      // URLDecoder turns '+' into a space; in a path it is a plus.
      return Optional.of(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** True if the method is one of {@code methods}; otherwise answers 405 as FastAPI does. */
  private boolean allowed(HttpExchange exchange, String... methods) throws IOException {
    for (String method : methods) {
      if (method.equals(exchange.getRequestMethod())) {
        return true;
      }
    }
    exchange.getResponseHeaders().set("Allow", String.join(", ", methods));
    respondJson(exchange, 405, detail("Method Not Allowed"));
    return false;
  }

  private void notFound(HttpExchange exchange) throws IOException {
    respondJson(exchange, 404, detail("Not Found"));
  }

  private static JsonObject detail(String message) {
    JsonObject body = new JsonObject();
    body.add("detail", new JsonPrimitive(message));
    return body;
  }

  private void respondJson(HttpExchange exchange, int status, JsonElement body) throws IOException {
    respond(exchange, status, JSON, NdjsonExecutionStream.GSON.toJson(body));
  }

  private void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    deadline.start();
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1); // a HEAD answer has no body
    } else {
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    deadline.stop();
  }

  /** The request body, or null if it is larger than {@link #MAX_BODY_BYTES}. */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    }
  }
}
