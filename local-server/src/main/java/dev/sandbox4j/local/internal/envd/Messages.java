package dev.sandbox4j.local.internal.envd;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.sandbox4j.local.internal.runtime.SandboxFiles;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads request fields and writes response messages in protobuf's canonical JSON as envd uses it:
 * lowerCamelCase names (snake_case accepted too), int64 as strings, bytes as base64, enums by name,
 * defaults omitted.
 */
final class Messages {

  private static final DateTimeFormatter RFC3339_NANOS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Messages() {}

  static Optional<JsonElement> field(JsonObject message, String camel, String snake) {
    JsonElement value = message.get(camel);
    if (value == null && snake != null) {
      value = message.get(snake);
    }
    return value == null || value.isJsonNull() ? Optional.empty() : Optional.of(value);
  }

  static Optional<JsonElement> field(JsonObject message, String name) {
    return field(message, name, null);
  }

  static String string(JsonObject message, String camel, String snake) {
    return field(message, camel, snake).map(v -> primitive(v, camel).getAsString()).orElse("");
  }

  static String string(JsonObject message, String name) {
    return string(message, name, null);
  }

  static Optional<String> optionalString(JsonObject message, String name) {
    return field(message, name).map(v -> primitive(v, name).getAsString());
  }

  static boolean bool(JsonObject message, String name, boolean absent) {
    return field(message, name)
        .map(
            v -> {
              if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) {
                throw invalid("field '" + name + "' must be a boolean");
              }
              return v.getAsBoolean();
            })
        .orElse(absent);
  }

  static long number(JsonObject message, String name, long absent) {
    Optional<JsonElement> value = field(message, name);
    if (value.isEmpty()) {
      return absent;
    }
    try {
      return Long.parseLong(primitive(value.get(), name).getAsString());
    } catch (NumberFormatException e) {
      throw invalid("field '" + name + "' must be an integer");
    }
  }

  static JsonObject object(JsonObject message, String name) {
    return field(message, name)
        .map(
            v -> {
              if (!v.isJsonObject()) {
                throw invalid("field '" + name + "' must be an object");
              }
              return v.getAsJsonObject();
            })
        .orElseGet(JsonObject::new);
  }

  static List<String> strings(JsonObject message, String name) {
    Optional<JsonElement> value = field(message, name);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!value.get().isJsonArray()) {
      throw invalid("field '" + name + "' must be an array");
    }
    List<String> items = new java.util.ArrayList<>();
    value.get().getAsJsonArray().forEach(e -> items.add(primitive(e, name).getAsString()));
    return items;
  }

  static Map<String, String> stringMap(JsonObject message, String name) {
    Map<String, String> map = new LinkedHashMap<>();
    object(message, name)
        .entrySet()
        .forEach(e -> map.put(e.getKey(), primitive(e.getValue(), name).getAsString()));
    return map;
  }

  static byte[] bytes(JsonObject message, String name) {
    String text = string(message, name);
    try {
      return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(text)
          : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw invalid("field '" + name + "' is not valid base64");
    }
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static JsonObject entry(SandboxFiles.Entry entry) {
    JsonObject json = new JsonObject();
    json.addProperty("name", entry.name());
    json.addProperty("type", "FILE_TYPE_" + entry.type().name());
    json.addProperty("path", entry.path());
    json.addProperty("size", Long.toString(entry.size()));
    json.addProperty("mode", entry.mode());
    json.addProperty("permissions", entry.permissions());
    json.addProperty("owner", entry.owner());
    json.addProperty("group", entry.group());
    json.addProperty("modifiedTime", RFC3339_NANOS.format(entry.modifiedTime()));
    entry.symlinkTarget().ifPresent(target -> json.addProperty("symlinkTarget", target));
    return json;
  }

  static JsonObject wrap(String name, JsonElement value) {
    JsonObject json = new JsonObject();
    json.add(name, value);
    return json;
  }

  static JsonArray array(List<JsonObject> items) {
    JsonArray array = new JsonArray();
    items.forEach(array::add);
    return array;
  }

  private static com.google.gson.JsonPrimitive primitive(JsonElement value, String name) {
    if (!value.isJsonPrimitive()) {
      throw invalid("field '" + name + "' has the wrong JSON type");
    }
    return value.getAsJsonPrimitive();
  }

  private static ConnectError invalid(String message) {
    return new ConnectError(ConnectCode.INVALID_ARGUMENT, message);
  }
}
