package dev.sandbox4j;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One rich output of executed code: the value of the last expression (the main result) or something
 * it displayed, in every format the kernel produced. Text formats are strings, images base64, and
 * {@code json}, {@code data} and {@code chart} are JSON text.
 */
public final class ExecutionResult {
  private static final Set<String> KNOWN =
      Set.of(
          "type",
          "is_main_result",
          "text",
          "html",
          "markdown",
          "svg",
          "png",
          "jpeg",
          "pdf",
          "latex",
          "json",
          "javascript",
          "data",
          "chart",
          "extra");
  private static final List<String> FORMATS =
      List.of(
          "html", "markdown", "svg", "png", "jpeg", "pdf", "latex", "json", "javascript", "data");

  private final boolean mainResult;
  private final Map<String, String> values;
  private final Map<String, String> extra;

  ExecutionResult(JsonObject wire) {
    JsonElement main = wire.get("is_main_result");
    this.mainResult = main != null && main.isJsonPrimitive() && main.getAsBoolean();
    Map<String, String> found = new LinkedHashMap<>();
    Map<String, String> more = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> field : wire.entrySet()) {
      JsonElement value = field.getValue();
      if (value == null || value.isJsonNull()) {
        continue;
      }
      String text =
          value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
              ? value.getAsString()
              : value.toString();
      if (field.getKey().equals("extra") && value.isJsonObject()) {
        for (Map.Entry<String, JsonElement> item : value.getAsJsonObject().entrySet()) {
          JsonElement v = item.getValue();
          more.put(
              item.getKey(),
              v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()
                  ? v.getAsString()
                  : v.toString());
        }
      } else if (KNOWN.contains(field.getKey())) {
        found.put(field.getKey(), text);
      } else {
        more.put(field.getKey(), text); // a format added to the server later
      }
    }
    found.remove("type");
    found.remove("is_main_result");
    this.values = Collections.unmodifiableMap(found);
    this.extra = Collections.unmodifiableMap(more);
  }

  private Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /**
   * Returns whether this is the value of the cell's last expression.
   *
   * @return whether it is the main result
   */
  public boolean isMainResult() {
    return mainResult;
  }

  /**
   * Returns the plain-text form.
   *
   * @return the text, or empty
   */
  public Optional<String> text() {
    return get("text");
  }

  /**
   * Returns the HTML form.
   *
   * @return the HTML, or empty
   */
  public Optional<String> html() {
    return get("html");
  }

  /**
   * Returns the Markdown form.
   *
   * @return the Markdown, or empty
   */
  public Optional<String> markdown() {
    return get("markdown");
  }

  /**
   * Returns the SVG form.
   *
   * @return the SVG, or empty
   */
  public Optional<String> svg() {
    return get("svg");
  }

  /**
   * Returns the PNG image, base64-encoded.
   *
   * @return the image, or empty
   */
  public Optional<String> png() {
    return get("png");
  }

  /**
   * Returns the JPEG image, base64-encoded.
   *
   * @return the image, or empty
   */
  public Optional<String> jpeg() {
    return get("jpeg");
  }

  /**
   * Returns the PDF, base64-encoded.
   *
   * @return the PDF, or empty
   */
  public Optional<String> pdf() {
    return get("pdf");
  }

  /**
   * Returns the LaTeX form.
   *
   * @return the LaTeX, or empty
   */
  public Optional<String> latex() {
    return get("latex");
  }

  /**
   * Returns the JSON form, as JSON text.
   *
   * @return the JSON, or empty
   */
  public Optional<String> json() {
    return get("json");
  }

  /**
   * Returns the JavaScript form.
   *
   * @return the script, or empty
   */
  public Optional<String> javascript() {
    return get("javascript");
  }

  /**
   * Returns tabular data (e.g. a DataFrame), as JSON text.
   *
   * @return the data, or empty
   */
  public Optional<String> data() {
    return get("data");
  }

  /**
   * Returns the chart the interpreter extracted from a plot, as JSON text.
   *
   * @return the chart, or empty
   */
  public Optional<String> chart() {
    return get("chart");
  }

  /**
   * Returns the other formats, keyed by MIME type (or by name for a format added later).
   *
   * @return the other formats
   */
  public Map<String, String> extra() {
    return extra;
  }

  /**
   * Returns the names of the formats present besides text and chart, as the official SDK lists them
   * ({@code html}, {@code png}, ..., then the extra keys).
   *
   * @return the format names
   */
  public List<String> formats() {
    List<String> result = new ArrayList<>();
    for (String format : FORMATS) {
      if (values.containsKey(format)) {
        result.add(format);
      }
    }
    result.addAll(extra.keySet());
    return result;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExecutionResult
        && mainResult == ((ExecutionResult) o).mainResult
        && values.equals(((ExecutionResult) o).values)
        && extra.equals(((ExecutionResult) o).extra);
  }

  @Override
  public int hashCode() {
    return values.hashCode() * 31 + extra.hashCode() + (mainResult ? 1 : 0);
  }

  @Override
  public String toString() {
    return "ExecutionResult{main="
        + mainResult
        + ", formats="
        + values.keySet()
        + (extra.isEmpty() ? "" : ", extra=" + extra.keySet())
        + "}";
  }
}
