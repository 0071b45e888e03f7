package dev.sandbox4j.local.internal.interpreter;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Writes an execution as the real server's {@code /execute} response: one JSON object per line,
 * each flushed as it happens, {@code end_of_execution} last. Every write runs under the client's
 * I/O deadline; a client that went away or reads too slowly ends the stream with an {@link
 * IOException}.
 */
final class NdjsonExecutionStream implements ExecutionSink {

  static final Gson GSON =
      new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();

  private final OutputStream out;
  private final ClientIoDeadline deadline;

  NdjsonExecutionStream(OutputStream out, ClientIoDeadline deadline) {
    this.out = out;
    this.deadline = deadline;
  }

  @Override
  public void executionCount(int count) throws IOException {
    JsonObject line = line("number_of_executions");
    line.addProperty("execution_count", count);
    write(line);
  }

  @Override
  public void stdout(String text) throws IOException {
    write(output("stdout", text));
  }

  @Override
  public void stderr(String text) throws IOException {
    write(output("stderr", text));
  }

  @Override
  public void result(JsonObject result) throws IOException {
    JsonObject line = line("result");
    for (Map.Entry<String, JsonElement> field : result.entrySet()) {
      if (!field.getKey().equals("type") && !field.getValue().isJsonNull()) {
        line.add(field.getKey(), field.getValue());
      }
    }
    write(line);
  }

  @Override
  public void error(String name, String value, String traceback) throws IOException {
    JsonObject line = line("error");
    line.addProperty("name", name);
    line.addProperty("value", value);
    line.addProperty("traceback", traceback);
    write(line);
  }

  @Override
  public void keepalive() throws IOException {
    write(line("keepalive"));
  }

  /** The last line of every execution. */
  void endOfExecution() throws IOException {
    write(line("end_of_execution"));
  }

  private static JsonObject line(String type) {
    JsonObject line = new JsonObject();
    line.addProperty("type", type);
    return line;
  }

  private static JsonObject output(String type, String text) {
    JsonObject line = line(type);
    line.addProperty("text", text);
    line.addProperty("timestamp", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
    return line;
  }

  private void write(JsonObject line) throws IOException {
    byte[] bytes = (GSON.toJson(line) + "\n").getBytes(StandardCharsets.UTF_8);
    deadline.start();
    out.write(bytes);
    out.flush();
    if (!deadline.stop()) {
      throw new IOException("The client did not take the execution's output in time");
    }
  }
}
