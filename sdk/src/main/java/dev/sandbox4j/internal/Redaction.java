package dev.sandbox4j.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Turns what a sandbox answered into text fit for an exception message: secrets masked, one line,
 * at most {@value #LIMIT} characters.
 */
final class Redaction {
  static final int LIMIT = 200;
  private final Redactor redactor;

  public Redaction(Redactor redactor) {
    this.redactor = redactor;
  }

  /** The message as a short, redacted, single line, or null when there is nothing to show. */
  public String message(String text) {
    if (text == null) {
      return null;
    }
    String oneLine = redactor.redact(text).replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
    if (oneLine.length() > LIMIT) {
      oneLine = oneLine.substring(0, LIMIT) + "...";
    }
    return oneLine.isEmpty() ? null : oneLine;
  }

  /** The {@code message} of a JSON error body, else the body itself, as {@link #message}. */
  public String errorBody(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonElement json = JsonParser.parseString(body);
      if (json.isJsonObject()) {
        JsonObject object = json.getAsJsonObject();
        JsonElement message = object.get("message");
        if (message != null && message.isJsonPrimitive()) {
          return message(message.getAsString());
        }
      }
    } catch (RuntimeException notJson) {
      // plain text or HTML: shown as a snippet
    }
    return message(body);
  }

  /** The {@code code} of a Connect error body when it is one of the protocol's codes. */
  public static String connectCode(String body) {
    if (body == null) {
      return null;
    }
    try {
      JsonElement json = JsonParser.parseString(body);
      if (json.isJsonObject()) {
        JsonElement code = json.getAsJsonObject().get("code");
        if (code != null
            && code.isJsonPrimitive()
            && code.getAsJsonPrimitive().isString()
            && dev.sandbox4j.internal.ConnectCodes.isKnown(code.getAsString())) {
          return code.getAsString();
        }
      }
    } catch (RuntimeException notJson) {
      // no Connect code: the caller infers one from the status
    }
    return null;
  }
}
