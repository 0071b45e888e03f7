package dev.sandbox4j.local.internal.interpreter;

import com.google.gson.JsonObject;
import java.io.IOException;

/**
 * Where one execution's output goes, as it happens: the lines of the NDJSON stream, except the
 * final {@code end_of_execution}, which the caller writes once {@link CodeContext#execute} returns.
 * An {@link IOException} means the client went away: the execution is interrupted.
 */
interface ExecutionSink {

  void executionCount(int count) throws IOException;

  void stdout(String text) throws IOException;

  void stderr(String text) throws IOException;

  /**
   * One result: the formats the kernel rendered ({@code text}, {@code png}, ...) and {@code
   * is_main_result}.
   */
  void result(JsonObject result) throws IOException;

  void error(String name, String value, String traceback) throws IOException;

  /** Nothing happened for a while; also how a client that went away is noticed. */
  void keepalive() throws IOException;
}
