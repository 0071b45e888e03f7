package dev.sandbox4j.local.internal;

import dev.sandbox4j.generated.model.SandboxState;
import dev.sandbox4j.local.Fault;
import dev.sandbox4j.local.LocalServerAdmin;
import dev.sandbox4j.local.RecordedRequest;
import dev.sandbox4j.local.SeedSpec;
import dev.sandbox4j.local.internal.envd.EnvdGateway;
import dev.sandbox4j.local.internal.runtime.RuntimeOptions;
import dev.sandbox4j.local.internal.runtime.SandboxRecord;
import dev.sandbox4j.local.internal.runtime.SandboxRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the emulated API holds, independent of HTTP: the sandboxes, the clock, the armed
 * faults and the request log, plus the test hooks that change them ({@link LocalServerAdmin},
 * served in Java by {@code LocalSandboxServer.admin()} and over HTTP by {@link AdminRoutes}).
 * Thread-safe.
 *
 * <p>Not part of the public API: use {@code dev.sandbox4j.local.LocalSandboxServer}.
 */
public final class Emulator implements LocalServerAdmin, AutoCloseable {

  private final ControllableClock clock;
  private final SandboxStore store = new SandboxStore();
  private final FaultInjector faults = new FaultInjector();
  private final RequestLog requestLog = new RequestLog();
  private final SandboxApi api;
  private final TemplateCatalog templates;
  private final AdminRoutes adminRoutes;
  private final SandboxRuntime runtime;
  private final EnvdGateway dataPlane;

  /** Creates an empty emulator that accepts {@code apiKey} (and the access token, if given). */
  public Emulator(String apiKey, Optional<String> accessToken, Clock baseClock) {
    this(
        apiKey,
        accessToken,
        baseClock,
        TemplateCatalog.of(TemplateCatalog.DEFAULT_ALIASES),
        SandboxApi.DEFAULT_MAX_LIFETIME,
        RuntimeOptions.defaults());
  }

  /**
   * As {@link #Emulator(String, Optional, Clock)}, knowing these templates, refusing (on create) or
   * capping (on set-timeout and connect) lifetimes over {@code maxLifetime}, and running sandboxes
   * as {@code runtimeOptions} say.
   */
  public Emulator(
      String apiKey,
      Optional<String> accessToken,
      Clock baseClock,
      TemplateCatalog templates,
      Duration maxLifetime,
      RuntimeOptions runtimeOptions) {
    Objects.requireNonNull(apiKey, "apiKey");
    this.clock = new ControllableClock(baseClock);
    this.templates = templates;
    Authenticator authenticator = new Authenticator(apiKey, accessToken);
    this.api = new SandboxApi(store, authenticator, clock, templates, maxLifetime);
    this.adminRoutes = new AdminRoutes(this, authenticator);
    this.runtime = new SandboxRuntime(runtimeOptions, this::runtimeRecord);
    this.dataPlane = new EnvdGateway(runtime);
  }

  /** The data plane: envd's routes for requests that name a sandbox. */
  public EnvdGateway dataPlane() {
    return dataPlane;
  }

  /** The processes and files of the sandboxes, on this machine. */
  public SandboxRuntime runtime() {
    return runtime;
  }

  /** Ends every sandbox's processes and deletes their files. */
  @Override
  public void close() {
    dataPlane.close();
    runtime.close();
  }

  private Optional<SandboxRecord> runtimeRecord(String sandboxId) {
    return store
        .get(sandboxId, clock.instant())
        .map(
            s ->
                new SandboxRecord(
                    s.sandboxId(),
                    s.isRunning(),
                    s.envVars() == null ? java.util.Map.of() : s.envVars(),
                    Optional.ofNullable(s.envdAccessToken())));
  }

  @Override
  public List<String> seed(SeedSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Instant now = clock.instant();
    // A known template is resolved as on create; any other name is kept as the template ID.
    Optional<TemplateCatalog.Template> seededTemplate = templates.resolve(spec.templateId());
    SandboxBlueprint blueprint =
        new SandboxBlueprint(
            seededTemplate.map(TemplateCatalog.Template::id).orElse(spec.templateId()),
            seededTemplate.map(TemplateCatalog.Template::alias).orElse(null),
            spec.metadata(),
            java.util.Map.of(),
            spec.timeout(),
            spec.autoPause(),
            false,
            false,
            null);
    return store.seed(
        blueprint,
        spec.count(),
        spec.paused() ? SandboxState.PAUSED : SandboxState.RUNNING,
        spec.newestStartedAt().orElse(now),
        spec.spacing(),
        now);
  }

  @Override
  public void reset() {
    store.clear();
    faults.clear();
    requestLog.clear();
    clock.reset();
    runtime.reconcile();
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Instant advanceClock(Duration amount) {
    Instant now = clock.advance(Objects.requireNonNull(amount, "amount"));
    runtime.reconcile(); // lifetimes that just ended end their processes too
    return now;
  }

  @Override
  public void injectFault(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  @Override
  public void clearFaults() {
    faults.clear();
  }

  @Override
  public int pendingFaultUses() {
    return faults.pendingUses();
  }

  @Override
  public List<RecordedRequest> requests() {
    return requestLog.snapshot();
  }

  @Override
  public void clearRequests() {
    requestLog.clear();
  }

  @Override
  public int sandboxCount() {
    return store.size(clock.instant());
  }

  // The runtime follows every control-plane change (kill, pause, resume, expiry) before the
  // answer goes out, so a client that saw 204 for a kill finds the processes gone.
  ApiResponse handleApi(ApiRequest request) {
    ApiResponse response = api.handle(request);
    runtime.reconcile();
    return response;
  }

  ApiResponse handleAdmin(ApiRequest request) {
    ApiResponse response = adminRoutes.handle(request);
    runtime.reconcile();
    return response;
  }

  Optional<Fault> takeFault(String method, String rawPath) {
    return faults.take(method, rawPath);
  }

  void record(RecordedRequest request) {
    requestLog.add(request);
  }
}
