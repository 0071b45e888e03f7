package dev.sandbox4j.local;

import dev.sandbox4j.local.internal.Emulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Controls a {@link LocalSandboxServer} from a test: seed sandboxes, reset, move the clock, inject
 * faults and read the request log. The same hooks are served over HTTP under {@code /_local/}
 * (see the module README). Thread-safe.
 */
public final class LocalServerAdmin {

  private final Emulator emulator;

  LocalServerAdmin(Emulator emulator) {
    this.emulator = emulator;
  }

  /**
   * Adds sandboxes directly, without API calls; 100 000 take well under a second.
   *
   * @param spec what to add
   * @return the new sandbox IDs, newest (first in list order) first
   */
  public List<String> seed(SeedSpec spec) {
    return emulator.seed(Objects.requireNonNull(spec, "spec"));
  }

  /** Forgets every sandbox, armed fault and logged request, and undoes every clock advance. */
  public void reset() {
    emulator.reset();
  }

  /** {@return the server's current time (the base clock plus every advance)} */
  public Instant now() {
    return emulator.now();
  }

  /**
   * Moves the server's clock forward; lifetimes that end by then end at the next request.
   *
   * @param amount how far to move the clock, not negative
   * @return the server's new current time
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public Instant advanceClock(Duration amount) {
    return emulator.advanceClock(Objects.requireNonNull(amount, "amount"));
  }

  /**
   * Arms a fault for the next matching API requests (after any armed earlier).
   *
   * @param fault the fault to arm
   */
  public void injectFault(Fault fault) {
    emulator.injectFault(fault);
  }

  /** Disarms every fault. */
  public void clearFaults() {
    emulator.clearFaults();
  }

  /** {@return how many requests the armed faults will still affect, all together} */
  public int pendingFaultUses() {
    return emulator.pendingFaultUses();
  }

  /**
   * Returns the API requests received so far (the last 10 000 at most, fewer when their bodies,
   * queries and headers add up to more than 16 Mi characters), oldest first, with credentials
   * redacted. Test-hook requests are not logged.
   *
   * @return the logged requests, oldest first
   */
  public List<RecordedRequest> requests() {
    return emulator.requests();
  }

  /** Empties the request log. */
  public void clearRequests() {
    emulator.clearRequests();
  }

  /** {@return how many sandboxes, running and paused, the server holds now} */
  public int sandboxCount() {
    return emulator.sandboxCount();
  }
}
