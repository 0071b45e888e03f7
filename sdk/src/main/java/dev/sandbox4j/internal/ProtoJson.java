package dev.sandbox4j.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the proto3 JSON mapping leniently: fields may be absent (defaults are omitted), 64-bit
 * integers may come as strings or numbers, base64 may be standard or URL-safe, and a value of an
 * unexpected JSON type is treated as absent rather than failing the whole message.
 */
public final class ProtoJson {
  private static final int MAX_NUMBER_CHARS = 64;

  private ProtoJson() {}

  /** The member if it is a JSON object, else an empty object. */
  public static JsonObject object(JsonObject parent, String name) {
    JsonElement value = parent == null ? null : parent.get(name);
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
  }

  /** Whether the member is present and not null. */
  public static boolean has(JsonObject parent, String name) {
    JsonElement value = parent.get(name);
    return value != null && !value.isJsonNull();
  }

  /** The member as text if it is a string or a number. */
  public static Optional<String> string(JsonObject parent, String name) {
    JsonElement value = parent.get(name);
    if (value == null || !value.isJsonPrimitive()) {
      return Optional.empty();
    }
    return Optional.of(value.getAsString());
  }

  /** The member as text, or "" (proto3's default). */
  public static String text(JsonObject parent, String name) {
    return string(parent, name).orElse("");
  }

  /**
   * A 64-bit (or smaller) integer sent as a number or a decimal string; 0 when absent. A value that
   * is not a whole number within range ({@code 2.5}, {@code 1e999}, 23 digits) is a protocol error
   * naming the field, never silently truncated ({@code 2.0} reads as 2).
   */
  public static long int64(JsonObject parent, String name) {
    JsonElement value = parent.get(name);
    if (value == null || !value.isJsonPrimitive()) {
      return 0;
    }
    String text = value.getAsString().trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notPlain) {
      // An exponent or a fraction: exact only if whole and in range. Long texts are refused
      // before BigDecimal spends quadratic time on them.
      if (text.length() <= MAX_NUMBER_CHARS) {
        try {
          return new BigDecimal(text).longValueExact();
        } catch (NumberFormatException | ArithmeticException notExact) {
          // reported below
        }
      }
      throw new ConnectProtocolException("field " + name + " is not a 64-bit integer");
    }
  }

  /** A boolean; false when absent. */
  public static boolean bool(JsonObject parent, String name) {
    JsonElement value = parent.get(name);
    return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()
        ? value.getAsBoolean()
        : false;
  }

  /** Base64 bytes (standard or URL-safe, padded or not); empty when absent. */
  public static byte[] bytes(JsonObject parent, String name) {
    Optional<String> text = string(parent, name);
    if (text.isEmpty()) {
      return new byte[0];
    }
    String value = text.get().replace('-', '+').replace('_', '/');
    try {
      return Base64.getMimeDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new ConnectProtocolException("field " + name + " is not base64");
    }
  }

  /** An RFC 3339 timestamp; empty when absent or unreadable. */
  public static Optional<Instant> timestamp(JsonObject parent, String name) {
    Optional<String> text = string(parent, name);
    try {
      return text.map(t -> java.time.OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A list of strings; absent and non-string items are skipped. */
  public static List<String> strings(JsonObject parent, String name) {
    List<String> result = new ArrayList<>();
    JsonElement value = parent.get(name);
    if (value != null && value.isJsonArray()) {
      for (JsonElement item : value.getAsJsonArray()) {
        if (item.isJsonPrimitive()) {
          result.add(item.getAsString());
        }
      }
    }
    return result;
  }

  /** A string map; non-string values are skipped. */
  public static Map<String, String> stringMap(JsonObject parent, String name) {
    Map<String, String> result = new LinkedHashMap<>();
    JsonObject map = object(parent, name);
    for (Map.Entry<String, JsonElement> entry : map.entrySet()) {
      if (entry.getValue().isJsonPrimitive()) {
        result.put(entry.getKey(), entry.getValue().getAsString());
      }
    }
    return result;
  }

  /** The items of an array member that are objects. */
  public static List<JsonObject> objects(JsonElement array) {
    List<JsonObject> result = new ArrayList<>();
    if (array != null && array.isJsonArray()) {
      for (JsonElement item : array.getAsJsonArray()) {
        if (item.isJsonObject()) {
          result.add(item.getAsJsonObject());
        }
      }
    }
    return result;
  }
}
