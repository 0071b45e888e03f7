package dev.sandbox4j.internal;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.sandbox4j.SandboxInfo;
import dev.sandbox4j.errors.SandboxConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a list page ({@code ListedSandbox[]}) or a get-info answer ({@code SandboxDetail}) straight
 * from the body into {@link SandboxInfo}, in one streaming pass: no body string, no JSON tree, no
 * generated model. The fields and their rules are the API document's (the test {@code
 * SandboxInfoReaderDifferentialTest} holds it to the generated parse); it is stricter than the
 * generated parse in four ways, on purpose: the JSON syntax is strict (no {@code )]}'} prefix,
 * single quotes or unquoted names), a number must fit its field exactly (no fraction, no overflow,
 * no negative size), and each field must have its JSON type (no quoted numbers or booleans); and a
 * name may not repeat within an object. Memory stays near what the result holds: values that are
 * skipped are never materialized, and a wrongly typed value fails before it is read.
 */
final class SandboxInfoReader {
  private final JsonReader json;

  /** Index of the item being read, for messages; -1 for a get-info answer. */
  private int item = -1;

  // Repeated values (a fleet shares its template, state and daemon version) are held once.
  private String lastTemplateId;
  private String lastState;
  private String lastEnvdVersion;

  private SandboxInfoReader(Reader body) {
    this.json = new JsonReader(body);
    json.setStrictness(Strictness.STRICT);
  }

  /**
   * Reads a whole list page; the body must be one JSON array of sandbox objects, or {@code null}
   * (the server's empty list).
   */
  static List<SandboxInfo> readPage(Reader body) throws IOException, BadServerData {
    SandboxInfoReader reader = new SandboxInfoReader(body);
    List<SandboxInfo> items = reader.nullValue() ? List.of() : reader.readArray();
    reader.expectEnd();
    return Collections.unmodifiableList(items);
  }

  /** Reads a get-info answer; the body must be one JSON sandbox object. */
  static SandboxInfo readDetail(Reader body) throws IOException, BadServerData {
    SandboxInfoReader reader = new SandboxInfoReader(body);
    if (reader.json.peek() != JsonToken.BEGIN_OBJECT) {
      throw BadServerData.of("the body is not a JSON object but " + describe(reader.json.peek()));
    }
    SandboxInfo info = reader.readSandbox(true);
    reader.expectEnd();
    return info;
  }

  private List<SandboxInfo> readArray() throws IOException, BadServerData {
    if (json.peek() != JsonToken.BEGIN_ARRAY) {
      throw BadServerData.of("the body is not a JSON array but " + describe(json.peek()));
    }
    json.beginArray();
    List<SandboxInfo> items = new ArrayList<>();
    for (item = 0; json.hasNext(); item++) {
      if (json.peek() != JsonToken.BEGIN_OBJECT) {
        throw BadServerData.of(where() + " is not a JSON object");
      }
      items.add(readSandbox(false));
    }
    json.endArray();
    return items;
  }

  private void expectEnd() throws IOException, BadServerData {
    if (json.peek() != JsonToken.END_DOCUMENT) {
      throw BadServerData.of("the body continues after its JSON value");
    }
  }

  // The fields of the API document's ListedSandbox, then those SandboxDetail adds; an index
  // here is a bit in the mask that catches a repeated name.
  static final String[] FIELDS = {
    "sandboxID",
    "templateID",
    "startedAt",
    "endAt",
    "state",
    "cpuCount",
    "memoryMB",
    "alias",
    "diskSizeMB",
    "envdVersion",
    "metadata",
    "clientID",
    "volumeMounts",
    "envdAccessToken",
    "domain",
    "allowInternetAccess",
    "lifecycle"
  };
  static final int REQUIRED_FIELDS = 7; // the first ones
  static final int LISTED_FIELDS = 13;
  private static final int REQUIRED_MASK = (1 << REQUIRED_FIELDS) - 1;

  /** Reads one sandbox object; {@code detail} admits the get-info fields. */
  private SandboxInfo readSandbox(boolean detail) throws IOException, BadServerData {
    SandboxInfo.Builder info = SandboxInfo.builder();
    int seen = 0;
    json.beginObject();
    while (json.hasNext()) {
      String name = json.nextName();
      int field = fieldIndex(name, detail);
      if (field < 0) {
        json.skipValue(); // a field this SDK does not know: never materialized
        continue;
      }
      if ((seen & (1 << field)) != 0) {
        // Parsers disagree on which copy wins; a strict reader takes neither.
        throw BadServerData.of(where() + ": field " + name + " appears twice");
      }
      seen |= 1 << field;
      readField(field, name, info);
    }
    json.endObject();
    if ((seen & REQUIRED_MASK) != REQUIRED_MASK) {
      for (int i = 0; i < REQUIRED_FIELDS; i++) {
        if ((seen & (1 << i)) == 0) {
          throw BadServerData.of(where() + ": required field " + FIELDS[i] + " is missing");
        }
      }
    }
    try {
      return info.build();
    } catch (SandboxConfigurationException invalid) {
      // e.g. a blank sandboxID: the builder's message names the field and shows no value.
      throw BadServerData.of(where() + ": " + invalid.getMessage());
    }
  }

  private static int fieldIndex(String name, boolean detail) {
    int limit = detail ? FIELDS.length : LISTED_FIELDS;
    for (int i = 0; i < limit; i++) {
      if (FIELDS[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private void readField(int field, String name, SandboxInfo.Builder info)
      throws IOException, BadServerData {
    switch (field) {
      case 0:
        info.sandboxId(requiredString(name));
        break;
      case 1:
        String templateId = requiredString(name);
        lastTemplateId = templateId.equals(lastTemplateId) ? lastTemplateId : templateId;
        info.templateId(lastTemplateId);
        break;
      case 2:
        info.startedAt(requiredTime(name));
        break;
      case 3:
        info.endAt(requiredTime(name));
        break;
      case 4:
        String state = requiredString(name);
        lastState = state.equals(lastState) ? lastState : state;
        info.rawState(lastState);
        break;
      case 5:
        info.cpuCount(requiredSize(name));
        break;
      case 6:
        info.memoryMb(requiredSize(name));
        break;
      case 7:
        info.name(optionalString(name));
        break;
      case 8:
        info.diskSizeMb(optionalSize(name));
        break;
      case 9:
        String version = optionalString(name);
        boolean same = version != null && version.equals(lastEnvdVersion);
        lastEnvdVersion = same ? lastEnvdVersion : version;
        info.envdVersion(lastEnvdVersion);
        break;
      case 10:
        info.metadata(metadata());
        break;
      case 11: // clientID: legacy and unused, but typed in the document
      case 13: // envdAccessToken: a secret, never kept here
      case 14: // domain
        skipString(name);
        break;
      case 12:
        skipVolumeMounts();
        break;
      case 15:
        info.allowInternetAccess(optionalBoolean(name));
        break;
      default: // 16
        readLifecycle(info);
    }
  }

  private void readLifecycle(SandboxInfo.Builder info) throws IOException, BadServerData {
    if (nullValue()) {
      return;
    }
    expect(JsonToken.BEGIN_OBJECT, "lifecycle", "an object");
    String onTimeout = null;
    Boolean autoResume = null;
    json.beginObject();
    while (json.hasNext()) {
      String name = json.nextName();
      if (name.equals("onTimeout")) {
        onTimeout = optionalString("lifecycle.onTimeout");
      } else if (name.equals("autoResume")) {
        autoResume = optionalBoolean("lifecycle.autoResume");
      } else {
        json.skipValue();
      }
    }
    json.endObject();
    info.autoPause(onTimeout == null ? null : "pause".equalsIgnoreCase(onTimeout));
    info.autoResume(autoResume);
  }

  /** Metadata: an object of strings; null values carry nothing and are dropped. */
  private Map<String, String> metadata() throws IOException, BadServerData {
    Map<String, String> result = new LinkedHashMap<>();
    if (nullValue()) {
      return result;
    }
    expect(JsonToken.BEGIN_OBJECT, "metadata", "an object");
    Set<String> keys = new HashSet<>();
    json.beginObject();
    while (json.hasNext()) {
      String key = json.nextName();
      if (!keys.add(key)) {
        throw BadServerData.of(where() + ": metadata repeats a key");
      }
      String value = optionalString("metadata value");
      if (value != null) {
        result.put(key, value);
      }
    }
    json.endObject();
    return result;
  }

  /** Volume mounts are not surfaced, but their shape is checked as the document types it. */
  private void skipVolumeMounts() throws IOException, BadServerData {
    if (nullValue()) {
      return;
    }
    expect(JsonToken.BEGIN_ARRAY, "volumeMounts", "an array");
    json.beginArray();
    while (json.hasNext()) {
      expect(JsonToken.BEGIN_OBJECT, "volumeMounts", "an array of objects");
      json.beginObject();
      while (json.hasNext()) {
        String name = json.nextName();
        if (name.equals("name") || name.equals("path")) {
          skipString("volumeMounts." + name);
        } else {
          json.skipValue();
        }
      }
      json.endObject();
    }
    json.endArray();
  }

  private String requiredString(String field) throws IOException, BadServerData {
    String value = optionalString(field);
    if (value == null) {
      throw BadServerData.of(where() + ": required field " + field + " is null");
    }
    return value;
  }

  /**
   * A string field. Like the generated parse, a JSON number or boolean is taken as its text;
   * anything else (an object, an array) fails before it is read.
   */
  private String optionalString(String field) throws IOException, BadServerData {
    JsonToken token = json.peek();
    switch (token) {
      case STRING:
      case NUMBER:
        return json.nextString();
      case BOOLEAN:
        return Boolean.toString(json.nextBoolean());
      case NULL:
        json.nextNull();
        return null;
      default:
        throw typeError(field, "a string", token);
    }
  }

  /** Checks a string field's type without keeping its value. */
  private void skipString(String field) throws IOException, BadServerData {
    JsonToken token = json.peek();
    if (token != JsonToken.STRING
        && token != JsonToken.NUMBER
        && token != JsonToken.BOOLEAN
        && token != JsonToken.NULL) {
      throw typeError(field, "a string", token);
    }
    json.skipValue();
  }

  private Boolean optionalBoolean(String field) throws IOException, BadServerData {
    if (nullValue()) {
      return null;
    }
    expect(JsonToken.BOOLEAN, field, "true or false");
    return json.nextBoolean();
  }

  private Instant requiredTime(String field) throws IOException, BadServerData {
    String text = requiredString(field);
    try {
      return WireTimestamps.parse(text);
    } catch (DateTimeParseException e) {
      throw BadServerData.of(where() + ": field " + field + " is not a date-time");
    }
  }

  private int requiredSize(String field) throws IOException, BadServerData {
    Integer value = optionalSize(field);
    if (value == null) {
      throw BadServerData.of(where() + ": required field " + field + " is null");
    }
    return value;
  }

  /**
   * A count or size: a JSON number that is a whole number from 0 to {@link Integer#MAX_VALUE}.
   * {@code 2.0} and {@code 2e0} are 2; {@code 2.5}, {@code 1e999}, {@code -1} and {@code "2"} are
   * errors, never a silently rounded or wrapped value.
   */
  private Integer optionalSize(String field) throws IOException, BadServerData {
    if (nullValue()) {
      return null;
    }
    expect(JsonToken.NUMBER, field, "a number");
    String text = json.nextString(); // a number literal: at most ~1 KiB, the reader's buffer
    int value = parseSize(text);
    if (value < 0) {
      throw BadServerData.of(
          where()
              + ": field "
              + field
              + " is not a whole number from 0 to "
              + Integer.MAX_VALUE
              + (value == -2 ? " (it has a fraction)" : ""));
    }
    return value;
  }

  /** Returns the value, -1 when out of range, -2 when not whole. */
  static int parseSize(String text) {
    int length = text.length();
    if (length > 0 && length <= 10) {
      long value = 0;
      int i = 0;
      for (; i < length; i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        value = value * 10 + (c - '0');
      }
      if (i == length) {
        return value <= Integer.MAX_VALUE ? (int) value : -1;
      }
    }
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(text);
    } catch (NumberFormatException e) {
      return -1;
    }
    if (decimal.signum() == 0) {
      return 0;
    }
    if (decimal.signum() < 0 || decimal.precision() - decimal.scale() > 10) {
      return -1; // negative, or more than ten integer digits (also 1e999999999)
    }
    try {
      return decimal.intValueExact(); // fails fast on tiny values such as 1e-999999999
    } catch (ArithmeticException notWholeOrTooLarge) {
      return decimal.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 ? -1 : -2;
    }
  }

  /** Consumes a JSON null and returns true, or returns false for any other value. */
  private boolean nullValue() throws IOException {
    if (json.peek() == JsonToken.NULL) {
      json.nextNull();
      return true;
    }
    return false;
  }

  private void expect(JsonToken expected, String field, String what)
      throws IOException, BadServerData {
    JsonToken token = json.peek();
    if (token != expected) {
      throw typeError(field, what, token);
    }
  }

  private BadServerData typeError(String field, String what, JsonToken token) {
    return BadServerData.of(
        where() + ": field " + field + " must be " + what + " but is " + describe(token));
  }

  private String where() {
    return item < 0 ? "the sandbox" : "item " + item + " of the page";
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case BEGIN_ARRAY:
        return "an array";
      case BEGIN_OBJECT:
        return "an object";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      case END_DOCUMENT:
        return "empty";
      default:
        return token.name();
    }
  }
}
