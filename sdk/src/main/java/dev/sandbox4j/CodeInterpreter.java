package dev.sandbox4j;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.sandbox4j.errors.SandboxTimeoutException;
import dev.sandbox4j.internal.Args;
import dev.sandbox4j.internal.CallScope;
import dev.sandbox4j.internal.DataPlaneStatus.Route;
import dev.sandbox4j.internal.NdjsonReader;
import dev.sandbox4j.internal.Operation;
import dev.sandbox4j.internal.ProtoJson;
import dev.sandbox4j.internal.SandboxTransport;
import dev.sandbox4j.internal.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Talks to a sandbox's code interpreter: runs code and manages its contexts. */
final class CodeInterpreter {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Operation RUN_CODE =
      Operation.unsafe("run code in sandbox", "the code may have run anyway");
  private static final Operation CONTEXT_CREATE =
      Operation.unsafe(
          "create code context in sandbox",
          "the context may have been created anyway: listCodeContexts() shows it");
  private static final Operation CONTEXT_LIST = Operation.safe("list code contexts in sandbox");
  private static final Operation CONTEXT_RESTART =
      Operation.unsafe(
          "restart code context in sandbox", "the context may have been restarted anyway");
  private static final Operation CONTEXT_REMOVE = Operation.safe("remove code context in sandbox");

  private final SandboxTransport transport;

  CodeInterpreter(SandboxTransport transport) {
    this.transport = transport;
  }

  Execution run(String code, RunCodeOptions options) {
    return run(code, options, null);
  }

  CompletableFuture<Execution> runAsync(String code, RunCodeOptions options) {
    Args.nonNull(code, "code");
    Args.nonNull(options, "options");
    return transport.http().cancellableAsync(scope -> run(code, options, scope));
  }

  private Execution run(String code, RunCodeOptions options, CallScope scope) {
    Args.nonNull(code, "code");
    Args.nonNull(options, "options");
    JsonObject body = new JsonObject();
    body.addProperty("code", code);
    options.context().ifPresent(context -> body.addProperty("context_id", context.id()));
    options.language().ifPresent(language -> body.addProperty("language", language));
    if (!options.envs().isEmpty()) {
      JsonObject envs = new JsonObject();
      options.envs().forEach(envs::addProperty);
      body.add("env_vars", envs);
    }
    Request request = transport.interpreter("execute").post(jsonBody(body)).build();
    Duration requestTimeout =
        options.requestTimeout().orElse(transport.http().settings().requestTimeout());
    Duration whole = options.timeout().isZero() ? null : options.timeout().plus(requestTimeout);
    try {
      return transport.exchange(
          RUN_CODE,
          request,
          transport.http().untimedReads(),
          Route.HTTP,
          requestTimeout,
          whole,
          scope,
          false,
          true,
          response -> read(new NdjsonReader(response.body().source()), options));
    } catch (SandboxTimeoutException e) {
      throw new SandboxTimeoutException(
          e.getMessage()
              + "; the code's time limit was "
              + options.timeout()
              + ": set RunCodeOptions.builder().timeout(Duration.ZERO) for code that runs longer",
          e.getCause(),
          e.attempts());
    }
  }

  private static Execution read(NdjsonReader reader, RunCodeOptions options)
      throws java.io.IOException {
    List<ExecutionResult> results = new ArrayList<>();
    List<String> stdout = new ArrayList<>();
    List<String> stderr = new ArrayList<>();
    ExecutionError error = null;
    Integer count = null;
    for (JsonObject line = reader.next(); line != null; line = reader.next()) {
      switch (ProtoJson.text(line, "type")) {
        case "stdout":
          String out = ProtoJson.text(line, "text");
          stdout.add(out);
          if (options.onStdout() != null) {
            options.onStdout().accept(out);
          }
          break;
        case "stderr":
          String err = ProtoJson.text(line, "text");
          stderr.add(err);
          if (options.onStderr() != null) {
            options.onStderr().accept(err);
          }
          break;
        case "result":
          ExecutionResult result = new ExecutionResult(line);
          results.add(result);
          if (options.onResult() != null) {
            options.onResult().accept(result);
          }
          break;
        case "error":
          error =
              new ExecutionError(
                  ProtoJson.text(line, "name"),
                  ProtoJson.text(line, "value"),
                  ProtoJson.text(line, "traceback"));
          if (options.onError() != null) {
            options.onError().accept(error);
          }
          break;
        case "number_of_executions":
          count = (int) ProtoJson.int64(line, "execution_count");
          break;
        case "end_of_execution":
          return new Execution(results, new ExecutionLogs(stdout, stderr), error, count);
        default:
          // keepalive lines and line types added later
      }
    }
    // Older servers may close without the final line; what arrived is the execution.
    return new Execution(results, new ExecutionLogs(stdout, stderr), error, count);
  }

  CodeContext createContext(String language, String cwd) {
    JsonObject body = new JsonObject();
    // Unset values are left out, as the official SDK does; the server then uses its defaults.
    if (language != null) {
      body.addProperty("language", language);
    }
    if (cwd != null) {
      body.addProperty("cwd", cwd);
    }
    Request request = transport.interpreter("contexts").post(jsonBody(body)).build();
    JsonObject answer =
        transport.unaryHttp(
            CONTEXT_CREATE,
            request,
            Route.HTTP,
            response -> SandboxTransport.parseObject(SandboxTransport.boundedString(response)));
    return context(answer);
  }

  List<CodeContext> listContexts() {
    Request request = transport.interpreter("contexts").get().build();
    JsonElement answer =
        transport.unaryHttp(
            CONTEXT_LIST,
            request,
            Route.HTTP,
            response -> StrictJson.parse(SandboxTransport.boundedString(response), "the response"));
    if (answer.isJsonObject()) {
      answer = answer.getAsJsonObject().get("contexts"); // a wrapped list, as some servers send
    }
    List<CodeContext> contexts = new ArrayList<>();
    for (JsonObject item : ProtoJson.objects(answer)) {
      contexts.add(context(item));
    }
    return contexts;
  }

  void restartContext(String contextId) {
    Request request =
        transport
            .interpreter(contextUrl(contextId).addPathSegment("restart").build())
            .header("Content-Type", "application/json")
            .post(RequestBody.create(new byte[0]))
            .build();
    exchangeWithoutAnswer(CONTEXT_RESTART, request);
  }

  void removeContext(String contextId) {
    Request request =
        transport
            .interpreter(contextUrl(contextId).build())
            .header("Content-Type", "application/json")
            .delete()
            .build();
    exchangeWithoutAnswer(CONTEXT_REMOVE, request);
  }

  private okhttp3.HttpUrl.Builder contextUrl(String contextId) {
    return transport
        .interpreterBaseUrl("contexts")
        .addPathSegment(Args.nonBlank(contextId, "contextId"));
  }

  private void exchangeWithoutAnswer(Operation operation, Request request) {
    transport.unaryHttp(operation, request, Route.HTTP, response -> null);
  }

  /** A JSON body labelled exactly {@code application/json} (a String body would add a charset). */
  private static RequestBody jsonBody(JsonObject body) {
    return RequestBody.create(body.toString().getBytes(StandardCharsets.UTF_8), JSON);
  }

  private static CodeContext context(JsonObject wire) {
    return new CodeContext(
        ProtoJson.text(wire, "id"), ProtoJson.text(wire, "language"), ProtoJson.text(wire, "cwd"));
  }
}
