package dev.sandbox4j.local;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Controls a {@link LocalSandboxServer} from a test: seed sandboxes, reset, move the clock, inject
 * faults and read the request log. The same hooks are served over HTTP under {@code /_local/} (see
 * the module README). Thread-safe. Obtain it from {@link LocalSandboxServer#admin()}; it is
 * implemented by the server itself, not meant to be implemented by users.
 */
public interface LocalServerAdmin {

  /**
   * Adds sandboxes directly, without API calls; 100 000 take well under a second.
   *
   * @param spec what to add
   * @return the new sandbox IDs, newest (first in list order) first
   */
  List<String> seed(SeedSpec spec);

  /** Forgets every sandbox, armed fault and logged request, and undoes every clock advance. */
  void reset();

  /** {@return the server's current time (the base clock plus every advance)} */
  Instant now();

  /**
   * Moves the server's clock forward; lifetimes that end by then end at the next request.
   *
   * @param amount how far to move the clock, not negative
   * @return the server's new current time
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  Instant advanceClock(Duration amount);

  /**
   * Arms a fault for the next matching API requests (after any armed earlier).
   *
   * @param fault the fault to arm
   */
  void injectFault(Fault fault);

  /** Disarms every fault. */
  void clearFaults();

  /** {@return how many requests the armed faults will still affect, all together} */
  int pendingFaultUses();

  /**
   * Returns the API requests received so far (the last 10 000 at most, fewer when their bodies,
   * queries and headers add up to more than 16 Mi characters), oldest first, with credentials
   * redacted. Test-hook requests are not logged.
   *
   * @return the logged requests, oldest first
   */
  List<RecordedRequest> requests();

  /** Empties the request log. */
  void clearRequests();

  /** {@return how many sandboxes, running and paused, the server holds now} */
  int sandboxCount();
}
