package dev.sandbox4j.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Call;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * The response side of a Connect server stream: reads one JSON message at a time as its bytes
 * arrive, turns an error in the final message into a {@link DataPlaneStatus}, and treats a stream
 * that ends without its final message as a protocol error.
 */
public final class ConnectStream implements Closeable {
  private final Call call;
  private final Response response;
  private final BufferedSource source;
  private final DataPlaneStatus.Route route;
  private final String timeoutHint;
  private final Redaction redaction;
  private boolean ended;

  ConnectStream(
      Call call,
      Response response,
      DataPlaneStatus.Route route,
      String timeoutHint,
      Redaction redaction) {
    this.call = call;
    this.response = response;
    this.source = response.body().source();
    this.route = route;
    this.timeoutHint = timeoutHint;
    this.redaction = redaction;
  }

  /**
   * Returns the next message, or null once the stream ended successfully.
   *
   * @throws DataPlaneStatus when the stream ended with an error
   * @throws ConnectProtocolException when the bytes break the protocol
   * @throws IOException when the connection fails or the call is cancelled
   */
  public JsonObject next() throws IOException {
    if (ended) {
      return null;
    }
    ConnectEnvelope envelope = ConnectEnvelope.read(source);
    if (envelope == null) {
      ended = true;
      throw new ConnectProtocolException("the stream ended without its final message");
    }
    JsonObject message = parse(envelope.payload());
    if (!envelope.endStream()) {
      return message;
    }
    ended = true;
    JsonElement error = message.get("error");
    if (error != null && error.isJsonObject()) {
      JsonObject body = error.getAsJsonObject();
      JsonElement codeElement = body.get("code");
      String code =
          codeElement != null
                  && codeElement.isJsonPrimitive()
                  && codeElement.getAsJsonPrimitive().isString()
                  && ConnectCodes.isKnown(codeElement.getAsString())
              ? codeElement.getAsString()
              : "unknown";
      throw new DataPlaneStatus(
          ConnectCodes.httpStatus(code),
          code,
          redaction.message(ProtoJson.string(body, "message").orElse(null)),
          route,
          null,
          timeoutHint);
    }
    return null;
  }

  /**
   * Reads the first message, allowing it {@code within} (the request timeout; zero for no limit
   * beyond the stream's read timeout): a daemon that accepts the call but never starts the stream
   * fails as a timeout instead of holding the caller for two keepalive intervals.
   */
  public JsonObject first(java.time.Duration within) throws IOException {
    if (within == null || within.isZero()) {
      return next();
    }
    okio.Timeout timeout = source.timeout();
    timeout.deadlineNanoTime(System.nanoTime() + within.toNanos());
    try {
      return next();
    } finally {
      timeout.clearDeadline();
    }
  }

  private static JsonObject parse(byte[] payload) {
    return StrictJson.parseObject(new String(payload, StandardCharsets.UTF_8), "a stream message");
  }

  /**
   * Stops the stream from any thread: the call is cancelled, so that a read blocked in the reader's
   * thread fails at once. The reader then {@link #close()}s it.
   */
  public void cancel() {
    call.cancel();
  }

  /**
   * Cancels the stream and releases its connection; only the thread that reads it may call this
   * (OkHttp's sources are not safe to close while another thread reads them).
   */
  @Override
  public void close() {
    call.cancel();
    response.close();
  }
}
