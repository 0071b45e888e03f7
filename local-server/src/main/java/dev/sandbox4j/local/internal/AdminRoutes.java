package dev.sandbox4j.local.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.sandbox4j.generated.model.SandboxState;
import dev.sandbox4j.local.Fault;
import dev.sandbox4j.local.RecordedRequest;
import dev.sandbox4j.local.SeedSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The test hooks over HTTP, under {@code /_local/}. Every hook needs the API's credentials ({@code
 * X-API-Key}, or the access token), so no other process on the machine can wipe or steer a running
 * server; a request without them is a 401. Faults never apply there, so a test can always reach
 * them.
 *
 * <p>The routes, their request bodies and answers are documented once, in the table of the module
 * README ("Test hooks"); {@link #METHODS_BY_PATH} is the code's list of them, and {@code
 * TestHookTableTest} checks that the two name the same routes.
 *
 * <p>Errors use the API's {@code {code, message}} body: 400 for a bad hook request, 404 for an
 * unknown hook, 405 for a wrong method.
 */
final class AdminRoutes {

  static final String PREFIX = "/_local";

  static final Map<String, List<String>> METHODS_BY_PATH =
      Map.of(
          PREFIX + "/health", List.of("GET"),
          PREFIX + "/reset", List.of("POST"),
          PREFIX + "/seed", List.of("POST"),
          PREFIX + "/clock", List.of("GET"),
          PREFIX + "/clock/advance", List.of("POST"),
          PREFIX + "/faults", List.of("DELETE", "GET", "POST"),
          PREFIX + "/requests", List.of("DELETE", "GET"));

  private final Emulator emulator;
  private final Authenticator authenticator;

  AdminRoutes(Emulator emulator, Authenticator authenticator) {
    this.emulator = emulator;
    this.authenticator = authenticator;
  }

  static boolean isAdminPath(String rawPath) {
    return rawPath.equals(PREFIX) || rawPath.startsWith(PREFIX + "/");
  }

  ApiResponse handle(ApiRequest request) {
    try {
      return route(request);
    } catch (ApiProblem problem) {
      return problem.toResponse();
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The public builders validate hook arguments; their messages say what is wrong.
      return ApiResponse.error(400, e.getMessage());
    }
  }

  private ApiResponse route(ApiRequest request) {
    authenticator.authenticate(request);
    List<String> methods = METHODS_BY_PATH.get(request.rawPath());
    if (methods == null) {
      throw ApiProblem.notFound("No test hook at " + request.rawPath());
    }
    if (!methods.contains(request.method())) {
      throw new ApiProblem(
          405,
          "Method " + request.method() + " is not allowed on " + request.rawPath(),
          Map.of("Allow", String.join(", ", methods)));
    }
    String route = request.method() + " " + request.rawPath().substring(PREFIX.length());
    return switch (route) {
      case "GET /health" -> health();
      case "POST /reset" -> {
        emulator.reset();
        yield ApiResponse.empty(204);
      }
      case "POST /seed" -> seed(StrictJson.parseObject(request.body()));
      case "GET /clock" -> clock(emulator.now());
      case "POST /clock/advance" -> clock(emulator.advanceClock(advance(request.body())));
      case "POST /faults" -> {
        emulator.injectFault(fault(StrictJson.parseObject(request.body())));
        yield pendingFaults(201);
      }
      case "GET /faults" -> pendingFaults(200);
      case "DELETE /faults" -> {
        emulator.clearFaults();
        yield ApiResponse.empty(204);
      }
      case "GET /requests" -> requests();
      case "DELETE /requests" -> {
        emulator.clearRequests();
        yield ApiResponse.empty(204);
      }
      default -> throw new IllegalStateException("unhandled hook " + route);
    };
  }

  private ApiResponse health() {
    JsonObject body = new JsonObject();
    body.addProperty("status", "ok");
    body.addProperty("sandboxes", emulator.sandboxCount());
    return ApiResponse.json(200, body);
  }

  private ApiResponse seed(JsonObject json) {
    SeedSpec.Builder spec =
        SeedSpec.builder()
            .count(
                StrictJson.integer(json, "count", 0, SeedSpec.MAX_COUNT)
                    .orElseThrow(() -> ApiProblem.badRequest("Field 'count' is required"))
                    .intValue());
    StrictJson.string(json, "templateID").ifPresent(spec::templateId);
    StrictJson.stringMap(json, "metadata").ifPresent(spec::metadata);
    StrictJson.string(json, "state")
        .map(
            name ->
                ListQuery.knownState(name)
                    .orElseThrow(() -> ApiProblem.badRequest("Invalid state '" + name + "'")))
        .ifPresent(state -> spec.paused(state == SandboxState.PAUSED));
    StrictJson.string(json, "newestStartedAt")
        .map(AdminRoutes::instant)
        .ifPresent(spec::newestStartedAt);
    StrictJson.integer(json, "spacingMillis", 0, Long.MAX_VALUE)
        .ifPresent(millis -> spec.spacing(Duration.ofMillis(millis)));
    StrictJson.timeoutSeconds(json, "timeout")
        .ifPresent(seconds -> spec.timeout(Duration.ofSeconds(seconds)));
    StrictJson.bool(json, "autoPause").ifPresent(spec::autoPause);

    List<String> ids = emulator.seed(spec.build());
    JsonObject body = new JsonObject();
    body.addProperty("count", ids.size());
    JsonArray array = new JsonArray(ids.size());
    ids.forEach(array::add);
    body.add("sandboxIDs", array);
    return ApiResponse.json(201, body);
  }

  private static Duration advance(byte[] requestBody) {
    JsonObject json = StrictJson.parseObject(requestBody);
    var seconds = StrictJson.integer(json, "seconds", 0, Integer.MAX_VALUE);
    var millis = StrictJson.integer(json, "millis", 0, Long.MAX_VALUE / 1_000_000);
    if (seconds.isPresent() == millis.isPresent()) {
      throw ApiProblem.badRequest("Send exactly one of 'seconds' and 'millis'");
    }
    return seconds.map(Duration::ofSeconds).orElseGet(() -> Duration.ofMillis(millis.get()));
  }

  private static ApiResponse clock(Instant now) {
    JsonObject body = new JsonObject();
    body.addProperty("now", now.toString());
    return ApiResponse.json(200, body);
  }

  private static Fault fault(JsonObject json) {
    Fault.Builder fault =
        Fault.on(
            StrictJson.string(json, "method").orElse(Fault.ANY_METHOD),
            StrictJson.string(json, "path").orElse(".*"));
    StrictJson.integer(json, "times", 1, Integer.MAX_VALUE)
        .ifPresent(n -> fault.times(n.intValue()));
    StrictJson.integer(json, "delayMillis", 0, Long.MAX_VALUE)
        .ifPresent(millis -> fault.delay(Duration.ofMillis(millis)));
    var status = StrictJson.integer(json, "status", 200, 599);
    String action =
        StrictJson.string(json, "action").orElse(status.isPresent() ? "respond" : "proceed");
    switch (action) {
      case "respond" ->
          fault.respond(
              status
                  .orElseThrow(() -> ApiProblem.badRequest("Field 'status' is required to respond"))
                  .intValue());
      case "dropBeforeActing" -> fault.dropBeforeActing();
      case "dropAfterActing" -> fault.dropAfterActing();
      case "proceed" -> {}
      default ->
          throw ApiProblem.badRequest(
              "Invalid action '"
                  + action
                  + "': expected respond, dropBeforeActing, dropAfterActing or proceed");
    }
    StrictJson.string(json, "retryAfter").ifPresent(fault::retryAfter);
    StrictJson.string(json, "body").ifPresent(fault::body);
    return fault.build();
  }

  private ApiResponse pendingFaults(int status) {
    JsonObject body = new JsonObject();
    body.addProperty("pendingFaultUses", emulator.pendingFaultUses());
    return ApiResponse.json(status, body);
  }

  private ApiResponse requests() {
    JsonArray array = new JsonArray();
    for (RecordedRequest recorded : emulator.requests()) {
      JsonObject entry = new JsonObject();
      entry.addProperty("receivedAt", recorded.receivedAt().toString());
      entry.addProperty("method", recorded.method());
      entry.addProperty("path", recorded.path());
      entry.addProperty("query", recorded.rawQuery());
      JsonObject headers = new JsonObject();
      recorded
          .headers()
          .forEach(
              (name, values) -> {
                JsonArray list = new JsonArray();
                values.forEach(list::add);
                headers.add(name, list);
              });
      entry.add("headers", headers);
      entry.addProperty("body", recorded.body());
      entry.addProperty("status", recorded.status());
      entry.addProperty("dropped", recorded.dropped());
      array.add(entry);
    }
    return ApiResponse.json(200, array);
  }

  private static Instant instant(String text) {
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest("Invalid date-time '" + text + "': expected RFC 3339");
    }
  }
}
