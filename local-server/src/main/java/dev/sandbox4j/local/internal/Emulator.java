package dev.sandbox4j.local.internal;

import dev.sandbox4j.generated.model.SandboxState;
import dev.sandbox4j.local.Fault;
import dev.sandbox4j.local.RecordedRequest;
import dev.sandbox4j.local.SeedSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the emulated API holds, independent of HTTP: the sandboxes, the clock, the armed
 * faults and the request log, plus the test hooks that change them. Thread-safe.
 *
 * <p>Not part of the public API: use {@code dev.sandbox4j.local.LocalSandboxServer}.
 */
public final class Emulator {

  private final ControllableClock clock;
  private final SandboxStore store = new SandboxStore();
  private final FaultInjector faults = new FaultInjector();
  private final RequestLog requestLog = new RequestLog();
  private final SandboxApi api;
  private final TemplateCatalog templates;
  private final AdminRoutes adminRoutes;

  /** Creates an empty emulator that accepts {@code apiKey} (and the access token, if given). */
  public Emulator(String apiKey, Optional<String> accessToken, Clock baseClock) {
    this(apiKey, accessToken, baseClock, TemplateCatalog.of(TemplateCatalog.DEFAULT_ALIASES),
        SandboxApi.DEFAULT_MAX_LIFETIME);
  }

  /**
   * As {@link #Emulator(String, Optional, Clock)}, knowing these templates and refusing (on
   * create) or capping (on set-timeout and connect) lifetimes over {@code maxLifetime}.
   */
  public Emulator(
      String apiKey, Optional<String> accessToken, Clock baseClock, TemplateCatalog templates,
      Duration maxLifetime) {
    Objects.requireNonNull(apiKey, "apiKey");
    this.clock = new ControllableClock(baseClock);
    this.templates = templates;
    Authenticator authenticator = new Authenticator(apiKey, accessToken);
    this.api = new SandboxApi(store, authenticator, clock, templates, maxLifetime);
    this.adminRoutes = new AdminRoutes(this, authenticator);
  }

  /** Adds sandboxes as the spec says; returns their IDs, newest first. */
  public List<String> seed(SeedSpec spec) {
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

  /** Forgets every sandbox, fault and logged request, and undoes every clock advance. */
  public void reset() {
    store.clear();
    faults.clear();
    requestLog.clear();
    clock.reset();
  }

  /** Returns the server's current time. */
  public Instant now() {
    return clock.instant();
  }

  /** Moves the server's clock forward; returns the new now. */
  public Instant advanceClock(Duration amount) {
    return clock.advance(amount);
  }

  /** Arms a fault. */
  public void injectFault(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  /** Disarms every fault. */
  public void clearFaults() {
    faults.clear();
  }

  /** Returns how many requests the armed faults will still affect. */
  public int pendingFaultUses() {
    return faults.pendingUses();
  }

  /** Returns the logged API requests, oldest first. */
  public List<RecordedRequest> requests() {
    return requestLog.snapshot();
  }

  /** Empties the request log. */
  public void clearRequests() {
    requestLog.clear();
  }

  /** Returns how many sandboxes (running and paused) the server holds now. */
  public int sandboxCount() {
    return store.size(clock.instant());
  }

  ApiResponse handleApi(ApiRequest request) {
    return api.handle(request);
  }

  ApiResponse handleAdmin(ApiRequest request) {
    return adminRoutes.handle(request);
  }

  Optional<Fault> takeFault(String method, String rawPath) {
    return faults.take(method, rawPath);
  }

  void record(RecordedRequest request) {
    requestLog.add(request);
  }
}
