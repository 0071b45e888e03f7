package dev.sandbox4j.local.internal;

import dev.sandbox4j.generated.model.SandboxState;
import dev.sandbox4j.local.Fault;
import dev.sandbox4j.local.LocalServerAdmin;
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
 * faults and the request log, plus the test hooks that change them ({@link LocalServerAdmin},
 * served in Java by {@code LocalSandboxServer.admin()} and over HTTP by {@link AdminRoutes}).
 * Thread-safe.
 *
 * <p>Not part of the public API: use {@code dev.sandbox4j.local.LocalSandboxServer}.
 */
public final class Emulator implements LocalServerAdmin {

  private final ControllableClock clock;
  private final SandboxStore store = new SandboxStore();
  private final FaultInjector faults = new FaultInjector();
  private final RequestLog requestLog = new RequestLog();
  private final SandboxApi api;
  private final AdminRoutes adminRoutes;

  /** Creates an empty emulator that accepts {@code apiKey} (and the access token, if given). */
  public Emulator(String apiKey, Optional<String> accessToken, Clock baseClock) {
    Objects.requireNonNull(apiKey, "apiKey");
    this.clock = new ControllableClock(baseClock);
    this.api = new SandboxApi(store, new Authenticator(apiKey, accessToken), clock);
    this.adminRoutes = new AdminRoutes(this);
  }

  @Override
  public List<String> seed(SeedSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Instant now = clock.instant();
    SandboxBlueprint blueprint =
        new SandboxBlueprint(
            spec.templateId(),
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
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Instant advanceClock(Duration amount) {
    return clock.advance(Objects.requireNonNull(amount, "amount"));
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
