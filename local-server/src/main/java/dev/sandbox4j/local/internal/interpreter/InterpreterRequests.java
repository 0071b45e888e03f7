package dev.sandbox4j.local.internal.interpreter;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the bodies of {@code POST /execute} and {@code POST /contexts} as the real server's
 * validation does: strictly typed fields, unknown fields ignored, and every problem reported at
 * once as a 422 with a {@code {"detail": [...]}} list.
 */
final class InterpreterRequests {

  /** {@code POST /execute}; {@code timeout} (seconds) is this server's own addition. */
  record Execute(
      String code,
      Optional<String> contextId,
      Optional<String> language,
      Map<String, String> envVars,
      Optional<Duration> timeout) {}

  /** {@code POST /contexts}. */
  record CreateContext(String language, String cwd) {}

  /** A body that fails validation; {@link #detail()} is the 422 body's {@code detail}. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient JsonArray detail;

    Invalid(JsonArray detail) {
      super("Request validation failed");
      this.detail = detail;
    }

    JsonObject body() {
      JsonObject body = new JsonObject();
      body.add("detail", detail);
      return body;
    }
  }

  private static final TypeAdapter<JsonElement> TREE =
      NdjsonExecutionStream.GSON.getAdapter(JsonElement.class);

  private InterpreterRequests() {}

  static Execute execute(byte[] body) throws Invalid {
    JsonObject object = object(body);
    Problems problems = new Problems(object);
    String code = problems.requiredString("code");
    Optional<String> contextId = problems.optionalString("context_id");
    Optional<String> language = problems.optionalString("language");
    Map<String, String> envVars = problems.stringMap("env_vars");
    Optional<Duration> timeout = problems.positiveSeconds("timeout");
    problems.throwIfAny();
    return new Execute(code, contextId, language, envVars, timeout);
  }

  static CreateContext createContext(byte[] body) throws Invalid {
    JsonObject object = object(body);
    Problems problems = new Problems(object);
    String language = problems.optionalString("language").orElse("python");
    String cwd = problems.optionalString("cwd").orElse(HostKernelLauncher.SANDBOX_HOME);
    problems.throwIfAny();
    return new CreateContext(language, cwd);
  }

  private static JsonObject object(byte[] body) throws Invalid {
    if (body.length == 0) {
      throw new Invalid(single(problem("missing", "Field required", JsonNull.INSTANCE, "body")));
    }
    String text = new String(body, StandardCharsets.UTF_8);
    JsonElement element;
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      element = TREE.read(reader);
      if (element == null || reader.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonParseException("Extra data");
      }
    } catch (JsonParseException | IOException | IllegalStateException | NumberFormatException e) {
      JsonObject problem = problem("json_invalid", "JSON decode error", new JsonObject(), "body");
      problem.getAsJsonArray("loc").add(0);
      JsonObject context = new JsonObject();
      context.addProperty("error", "Invalid JSON");
      problem.add("ctx", context);
      throw new Invalid(single(problem));
    }
    if (!element.isJsonObject()) {
      throw new Invalid(
          single(
              problem(
                  "model_attributes_type",
                  "Input should be a valid dictionary or object to extract fields from",
                  element,
                  "body")));
    }
    return element.getAsJsonObject();
  }

  private static JsonArray single(JsonObject problem) {
    JsonArray detail = new JsonArray();
    detail.add(problem);
    return detail;
  }

  static JsonObject problem(String type, String message, JsonElement input, String... loc) {
    JsonObject problem = new JsonObject();
    problem.addProperty("type", type);
    JsonArray location = new JsonArray();
    for (String part : loc) {
      location.add(part);
    }
    problem.add("loc", location);
    problem.addProperty("msg", message);
    problem.add("input", input);
    return problem;
  }

  /** Collects the problems of one body's fields. */
  private static final class Problems {
    private final JsonObject body;
    private final JsonArray detail = new JsonArray();

    Problems(JsonObject body) {
      this.body = body;
    }

    String requiredString(String name) {
      JsonElement value = body.get(name);
      if (value == null) {
        detail.add(problem("missing", "Field required", body, "body", name));
        return null;
      }
      return string(value, "body", name).orElse(null);
    }

    Optional<String> optionalString(String name) {
      JsonElement value = body.get(name);
      return value == null || value.isJsonNull() ? Optional.empty() : string(value, "body", name);
    }

    Map<String, String> stringMap(String name) {
      JsonElement value = body.get(name);
      Map<String, String> map = new LinkedHashMap<>();
      if (value == null || value.isJsonNull()) {
        return map;
      }
      if (!value.isJsonObject()) {
        detail.add(problem("dict_type", "Input should be a valid dictionary", value, "body", name));
        return map;
      }
      for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
        string(entry.getValue(), "body", name, entry.getKey())
            .ifPresent(text -> map.put(entry.getKey(), text));
      }
      return map;
    }

    Optional<Duration> positiveSeconds(String name) {
      JsonElement value = body.get(name);
      if (value == null || value.isJsonNull()) {
        return Optional.empty();
      }
      if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
        detail.add(problem("float_type", "Input should be a valid number", value, "body", name));
        return Optional.empty();
      }
      double seconds = value.getAsDouble();
      if (!(seconds > 0) || seconds > Duration.ofDays(365).toSeconds()) {
        JsonObject problem =
            problem(
                "greater_than",
                "Input should be greater than 0 and at most a year of seconds",
                value,
                "body",
                name);
        JsonObject context = new JsonObject();
        context.add("gt", new JsonPrimitive(0));
        problem.add("ctx", context);
        detail.add(problem);
        return Optional.empty();
      }
      return Optional.of(Duration.ofNanos((long) (seconds * 1e9)));
    }

    private Optional<String> string(JsonElement value, String... loc) {
      if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
        return Optional.of(value.getAsString());
      }
      detail.add(problem("string_type", "Input should be a valid string", value, loc));
      return Optional.empty();
    }

    void throwIfAny() throws Invalid {
      if (!detail.isEmpty()) {
        throw new Invalid(detail);
      }
    }
  }
}
