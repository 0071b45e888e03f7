package dev.sandbox4j.local.internal.interpreter;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The NDJSON lines of one execution, parsed, with what a client would make of them. */
record ExecutionLines(List<JsonObject> lines) {

  /** Runs code on a context and collects the exact lines {@code /execute} would stream. */
  static ExecutionLines run(
      CodeInterpreter interpreter,
      CodeContext context,
      String code,
      Map<String, String> env,
      Duration timeout) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    NdjsonExecutionStream stream = new NdjsonExecutionStream(bytes, ClientIoDeadline.NONE);
    try {
      context.execute(code, env, timeout, stream, interpreter.settings(), interpreter.clock());
      stream.endOfExecution();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(bytes.toString(StandardCharsets.UTF_8));
  }

  static ExecutionLines run(CodeInterpreter interpreter, CodeContext context, String code) {
    return run(interpreter, context, code, Map.of(), Duration.ZERO);
  }

  /** Parses an NDJSON body; every line must end with a newline. */
  static ExecutionLines parse(String body) {
    if (!body.isEmpty() && !body.endsWith("\n")) {
      throw new AssertionError("NDJSON body does not end with a newline: " + body);
    }
    List<JsonObject> lines = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (!line.isEmpty()) {
        lines.add(JsonParser.parseString(line).getAsJsonObject());
      }
    }
    return new ExecutionLines(lines);
  }

  List<String> types() {
    return lines.stream().map(line -> line.get("type").getAsString()).collect(Collectors.toList());
  }

  List<JsonObject> ofType(String type) {
    return lines.stream()
        .filter(line -> line.get("type").getAsString().equals(type))
        .collect(Collectors.toList());
  }

  String stdout() {
    return text("stdout");
  }

  String stderr() {
    return text("stderr");
  }

  private String text(String type) {
    return ofType(type).stream()
        .map(line -> line.get("text").getAsString())
        .collect(Collectors.joining());
  }

  /** The main result's text, as {@code execution.text} in the official SDK. */
  Optional<String> text() {
    return ofType("result").stream()
        .filter(line -> line.get("is_main_result").getAsBoolean())
        .map(line -> line.get("text").getAsString())
        .findFirst();
  }

  Optional<JsonObject> error() {
    List<JsonObject> errors = ofType("error");
    if (errors.size() > 1) {
      throw new AssertionError("more than one error line: " + errors);
    }
    return errors.stream().findFirst();
  }

  String errorName() {
    return error()
        .orElseThrow(() -> new AssertionError("no error in " + lines))
        .get("name")
        .getAsString();
  }

  int executionCount() {
    return ofType("number_of_executions").get(0).get("execution_count").getAsInt();
  }

  @Override
  public String toString() {
    return lines.toString();
  }
}
