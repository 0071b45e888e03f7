package dev.sandbox4j.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * Reads a data-plane JSON answer by the same rules as the control plane's success bodies: plain
 * JSON only (no {@code )]}'} prefix, single quotes, unquoted names, comments or text after the
 * value) and no member named twice, which a lenient reader would silently resolve to one of them.
 * Failures are {@link ConnectProtocolException}s that never quote the body.
 */
public final class StrictJson {
  /** Deeper nesting than any daemon answer has: refused before it exhausts the stack. */
  private static final int MAX_DEPTH = 64;

  private StrictJson() {}

  /**
   * Parses one JSON value.
   *
   * @param text the whole answer
   * @param what what the answer is, for the message ("the response", "a stream message")
   * @throws ConnectProtocolException when the text is not strict JSON
   */
  public static JsonElement parse(String text, String what) {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    try {
      JsonElement value = read(reader, 0, what);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new ConnectProtocolException(what + " has text after its JSON value");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConnectProtocolException) {
        throw (ConnectProtocolException) e;
      }
      // Gson's message quotes the offending input: say only where it broke.
      throw new ConnectProtocolException(what + " is not valid JSON (at " + reader.getPath() + ")");
    }
  }

  /** Parses one JSON object; any other value is a protocol error. */
  public static JsonObject parseObject(String text, String what) {
    JsonElement value = parse(text, what);
    if (!value.isJsonObject()) {
      throw new ConnectProtocolException(what + " is not a JSON object");
    }
    return value.getAsJsonObject();
  }

  private static JsonElement read(JsonReader reader, int depth, String what) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new ConnectProtocolException(what + " is nested deeper than " + MAX_DEPTH + " levels");
    }
    switch (reader.peek()) {
      case BEGIN_OBJECT:
        JsonObject object = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          if (object.has(name)) {
            throw new ConnectProtocolException(
                what + " names a member twice (at " + reader.getPath() + ")");
          }
          object.add(name, read(reader, depth + 1, what));
        }
        reader.endObject();
        return object;
      case BEGIN_ARRAY:
        JsonArray array = new JsonArray();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(read(reader, depth + 1, what));
        }
        reader.endArray();
        return array;
      case STRING:
        return new JsonPrimitive(reader.nextString());
      case NUMBER:
        return new JsonPrimitive(ToNumberPolicy.LAZILY_PARSED_NUMBER.readNumber(reader));
      case BOOLEAN:
        return new JsonPrimitive(reader.nextBoolean());
      case NULL:
        reader.nextNull();
        return JsonNull.INSTANCE;
      default:
        throw new ConnectProtocolException(
            what + " is not valid JSON (at " + reader.getPath() + ")");
    }
  }
}
