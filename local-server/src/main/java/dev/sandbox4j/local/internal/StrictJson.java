package dev.sandbox4j.local.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.sandbox4j.generated.JSON;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads JSON request bodies as strictly as the real (Go) server does.
 *
 * <p>Gson's usual mapping is lenient: it turns {@code "15"} or {@code 15.0} into an int and accepts
 * single quotes or trailing garbage. A Go server answers those with 400, so bodies are parsed into
 * a tree with a strict reader and each field is type-checked here before it reaches a model. Every
 * failure is a 400 {@link ApiProblem}; none escapes as a 500. A JSON {@code null} counts as an
 * absent field, as in Go.
 */
final class StrictJson {

  private static final Pattern INTEGER_LITERAL = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final TypeAdapter<JsonElement> TREE = JSON.getGson().getAdapter(JsonElement.class);

  private StrictJson() {}

  /** Parses a body that must be one JSON object. */
  static JsonObject parseObject(byte[] body) {
    if (body.length == 0) {
      throw ApiProblem.badRequest("Request body is required");
    }
    JsonElement element;
    try (JsonReader reader =
        new JsonReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
      reader.setStrictness(Strictness.STRICT);
      element = TREE.read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw ApiProblem.badRequest("Invalid JSON body: unexpected data after the JSON value");
      }
    } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
      throw ApiProblem.badRequest("Invalid JSON body: " + e.getMessage());
    }
    if (element == null || !element.isJsonObject()) {
      throw ApiProblem.badRequest("Request body must be a JSON object");
    }
    return element.getAsJsonObject();
  }

  /** An optional whole number within {@code [min, max]}. */
  static Optional<Long> integer(JsonObject object, String name, long min, long max) {
    return wholeNumber(object, name)
        .map(
            value -> {
              if (value.compareTo(BigInteger.valueOf(min)) < 0
                  || value.compareTo(BigInteger.valueOf(max)) > 0) {
                throw ApiProblem.badRequest(
                    "Field '"
                        + name
                        + "' must be between "
                        + min
                        + " and "
                        + max
                        + ", got "
                        + value);
              }
              return value.longValue();
            });
  }

  /** An optional lifetime in whole seconds: an int32 greater than 0. */
  static Optional<Integer> timeoutSeconds(JsonObject object, String name) {
    return timeoutSeconds(object, name, false);
  }

  /** As {@link #timeoutSeconds(JsonObject, String)}, also accepting 0 when {@code zeroAllowed}. */
  static Optional<Integer> timeoutSeconds(JsonObject object, String name, boolean zeroAllowed) {
    return wholeNumber(object, name)
        .map(
            value -> {
              if (value.signum() < 0 || value.signum() == 0 && !zeroAllowed) {
                throw ApiProblem.badRequest(
                    zeroAllowed
                        ? "Timeout must not be negative"
                        : "Timeout must be greater than 0");
              }
              if (value.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
                throw ApiProblem.badRequest("Timeout must fit in a 32-bit integer");
              }
              return value.intValue();
            });
  }

  private static Optional<BigInteger> wholeNumber(JsonObject object, String name) {
    return primitive(object, name)
        .map(
            p -> {
              String literal = p.isNumber() ? p.getAsNumber().toString() : "";
              if (!INTEGER_LITERAL.matcher(literal).matches()) {
                throw ApiProblem.badRequest("Field '" + name + "' must be an integer");
              }
              return new BigInteger(literal);
            });
  }

  static Optional<Boolean> bool(JsonObject object, String name) {
    return primitive(object, name)
        .map(
            p -> {
              if (!p.isBoolean()) {
                throw ApiProblem.badRequest("Field '" + name + "' must be a boolean");
              }
              return p.getAsBoolean();
            });
  }

  static Optional<String> string(JsonObject object, String name) {
    return primitive(object, name)
        .map(
            p -> {
              if (!p.isString()) {
                throw ApiProblem.badRequest("Field '" + name + "' must be a string");
              }
              return p.getAsString();
            });
  }

  static Optional<JsonObject> object(JsonObject object, String name) {
    JsonElement element = object.get(name);
    if (element == null || element.isJsonNull()) {
      return Optional.empty();
    }
    if (!element.isJsonObject()) {
      throw ApiProblem.badRequest("Field '" + name + "' must be an object");
    }
    return Optional.of(element.getAsJsonObject());
  }

  /** An optional object whose values are all strings. */
  static Optional<Map<String, String>> stringMap(JsonObject object, String name) {
    return object(object, name)
        .map(
            map -> {
              Map<String, String> result = new LinkedHashMap<>();
              for (Map.Entry<String, JsonElement> entry : map.entrySet()) {
                JsonElement value = entry.getValue();
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                  throw ApiProblem.badRequest(
                      "Field '"
                          + name
                          + "' must map strings to strings; '"
                          + entry.getKey()
                          + "' is not a string");
                }
                result.put(entry.getKey(), value.getAsString());
              }
              return result;
            });
  }

  private static Optional<JsonPrimitive> primitive(JsonObject object, String name) {
    JsonElement element = object.get(name);
    if (element == null || element.isJsonNull()) {
      return Optional.empty();
    }
    if (!element.isJsonPrimitive()) {
      throw ApiProblem.badRequest("Field '" + name + "' must not be an object or an array");
    }
    return Optional.of(element.getAsJsonPrimitive());
  }
}
