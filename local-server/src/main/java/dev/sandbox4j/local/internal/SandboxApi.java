package dev.sandbox4j.local.internal;

import dev.sandbox4j.generated.model.ConnectSandbox;
import dev.sandbox4j.generated.model.NewSandbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seven operations of the OpenAPI document with the real server's semantics.
 *
 * <p>Order of checks, as on the real server: route (404/405), then credentials (401), then the
 * request's own validation (400), then the sandbox's state (404/409).
 */
final class SandboxApi {

  /** The lifetime of a sandbox created without {@code timeout}, as on the real v1 create. */
  static final Duration DEFAULT_CREATE_TIMEOUT = Duration.ofSeconds(15);

  /** The lifetime on E2B's v2 create, and on its v2 connect, when no {@code timeout} is sent. */
  static final Duration DEFAULT_V2_TIMEOUT = Duration.ofSeconds(300);

  /** The longest lifetime unless configured otherwise: the real plans' 24 h. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

  private final SandboxStore store;
  private final Authenticator authenticator;
  private final Clock clock;
  private final TemplateCatalog templates;
  private final Duration maxLifetime;

  SandboxApi(
      SandboxStore store,
      Authenticator authenticator,
      Clock clock,
      TemplateCatalog templates,
      Duration maxLifetime) {
    this.store = store;
    this.maxLifetime = maxLifetime;
    this.templates = templates;
    this.authenticator = authenticator;
    this.clock = clock;
  }

  /** Answers one request; bad input always becomes a 4xx, never an exception. */
  ApiResponse handle(ApiRequest request) {
    try {
      Route route = Router.route(request.method(), request.rawPath(), request.rawQuery());
      authenticator.authenticate(request);
      Instant now = clock.instant();
      return switch (route.operation()) {
        case LIST_SANDBOXES -> list(request, now);
        case CREATE_SANDBOX -> create(request, DEFAULT_CREATE_TIMEOUT, now);
        case CREATE_SANDBOX_V2 -> create(request, DEFAULT_V2_TIMEOUT, now);
        case GET_SANDBOX -> get(route.sandboxId(), now);
        case KILL_SANDBOX -> kill(route.sandboxId(), now);
        case CONNECT_SANDBOX ->
            connect(route.sandboxId(), RequestBodies.connect(request.body()), now);
        case CONNECT_SANDBOX_V2 ->
            connect(
                route.sandboxId(),
                RequestBodies.connectV2(request.body(), DEFAULT_V2_TIMEOUT),
                now);
        case GET_SANDBOX_METRICS -> metrics(route.sandboxId(), request, now);
        case PAUSE_SANDBOX -> pause(route.sandboxId(), request, now);
        case SET_SANDBOX_TIMEOUT -> setTimeout(route.sandboxId(), request, now);
      };
    } catch (ApiProblem problem) {
      return problem.toResponse();
    }
  }

  private ApiResponse list(ApiRequest request, Instant now) {
    ListQuery query = ListQuery.parse(request.rawQuery());
    Page page = store.list(query.filter(), query.after(), query.limit(), query.ascending(), now);
    List<Object> body = page.items().stream().<Object>map(WireModels::listed).toList();
    ApiResponse response = ApiResponse.json(200, body);
    return page.continueAfter()
        .map(key -> response.withHeader("X-Next-Token", PageCursor.encode(key, query.ascending())))
        .orElse(response);
  }

  private ApiResponse create(ApiRequest request, Duration defaultTimeout, Instant now) {
    NewSandbox body = RequestBodies.newSandbox(request.body());
    TemplateCatalog.Template template = templates.require(body.getTemplateID());
    SandboxBlueprint blueprint =
        new SandboxBlueprint(
            template.id(),
            template.alias(),
            Optional.ofNullable(body.getMetadata()).orElse(Map.of()),
            Optional.ofNullable(body.getEnvVars()).orElse(Map.of()),
            lifetime(body.getTimeout(), defaultTimeout),
            Boolean.TRUE.equals(body.getAutoPause()),
            body.getAutoResume() != null && Boolean.TRUE.equals(body.getAutoResume().getEnabled()),
            Boolean.TRUE.equals(body.getSecure()),
            body.getAllowInternetAccess());
    return ApiResponse.json(201, WireModels.sandbox(store.create(blueprint, now)));
  }

  private ApiResponse get(String sandboxId, Instant now) {
    return store
        .get(sandboxId, now)
        .map(sandbox -> ApiResponse.json(200, WireModels.detail(sandbox)))
        .orElseThrow(() -> notFound(sandboxId));
  }

  private ApiResponse kill(String sandboxId, Instant now) {
    if (!store.kill(sandboxId, now)) {
      throw notFound(sandboxId);
    }
    return ApiResponse.empty(204);
  }

  private ApiResponse connect(String sandboxId, ConnectSandbox body, Instant now) {
    Duration timeout = capped(Duration.ofSeconds(body.getTimeout()));
    SandboxStore.Connection connection =
        store.connect(sandboxId, timeout, now).orElseThrow(() -> notFound(sandboxId));
    return ApiResponse.json(
        connection.resumed() ? 201 : 200, WireModels.sandbox(connection.sandbox()));
  }

  private ApiResponse metrics(String sandboxId, ApiRequest request, Instant now) {
    QueryParameters query = QueryParameters.parse(request.rawQuery());
    Optional<Instant> start = query.first("start").map(text -> unixSeconds("start", text));
    Optional<Instant> end = query.first("end").map(text -> unixSeconds("end", text));
    StoredSandbox sandbox = store.get(sandboxId, now).orElseThrow(() -> notFound(sandboxId));
    return ApiResponse.json(200, SandboxMetrics.between(sandbox, start, end, now));
  }

  private static Instant unixSeconds(String name, String text) {
    try {
      return Instant.ofEpochSecond(Long.parseLong(text));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      throw ApiProblem.badRequest(
          "Invalid " + name + ": expected unix seconds, got '" + text + "'");
    }
  }

  private ApiResponse pause(String sandboxId, ApiRequest request, Instant now) {
    RequestBodies.pause(request.body());
    return switch (store.pause(sandboxId, now)) {
      case PAUSED -> ApiResponse.empty(204);
      case ALREADY_PAUSED ->
          throw ApiProblem.conflict("Sandbox " + sandboxId + " is already paused");
      case NOT_FOUND -> throw notFound(sandboxId);
    };
  }

  private ApiResponse setTimeout(String sandboxId, ApiRequest request, Instant now) {
    Duration timeout =
        capped(Duration.ofSeconds(RequestBodies.timeoutUpdate(request.body()).getTimeout()));
    if (!store.setTimeout(sandboxId, timeout, now)) {
      throw ApiProblem.notFound("Sandbox " + sandboxId + " not found or not running");
    }
    return ApiResponse.empty(204);
  }

  /** A create's lifetime: the default when none was sent; over the maximum is a 400. */
  private Duration lifetime(Integer seconds, Duration whenAbsent) {
    Duration lifetime = seconds == null ? whenAbsent : Duration.ofSeconds(seconds);
    if (lifetime.compareTo(maxLifetime) > 0) {
      throw ApiProblem.badRequest(
          "Timeout cannot be greater than "
              + maxLifetime.toSeconds()
              + " seconds (the plan's maximum lifetime)");
    }
    return lifetime;
  }

  /** Set-timeout and connect cap a lifetime at the maximum instead of refusing it. */
  private Duration capped(Duration lifetime) {
    return lifetime.compareTo(maxLifetime) > 0 ? maxLifetime : lifetime;
  }

  private static ApiProblem notFound(String sandboxId) {
    return ApiProblem.notFound("Sandbox " + sandboxId + " not found");
  }
}
