package dev.sandbox4j.local.internal;

import dev.sandbox4j.local.Fault;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The armed faults, oldest first, each with the number of requests it still affects.
 *
 * <p>A request consumes one use of the first armed fault that matches it; a fault is disarmed when
 * its uses run out.
 */
final class FaultInjector {

  /** A fault and its remaining uses. */
  private static final class Armed {
    final Fault fault;
    int remaining;

    Armed(Fault fault) {
      this.fault = fault;
      this.remaining = fault.times();
    }
  }

  private final List<Armed> armed = new ArrayList<>();

  synchronized void add(Fault fault) {
    armed.add(new Armed(fault));
  }

  /** Takes one use of the first fault matching this request, if any. */
  synchronized Optional<Fault> take(String method, String rawPath) {
    for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
      Armed candidate = it.next();
      if (candidate.fault.matches(method, rawPath)) {
        if (--candidate.remaining == 0) {
          it.remove();
        }
        return Optional.of(candidate.fault);
      }
    }
    return Optional.empty();
  }

  /** The number of requests the armed faults will still affect, all faults together. */
  synchronized int pendingUses() {
    return armed.stream().mapToInt(a -> a.remaining).sum();
  }

  synchronized void clear() {
    armed.clear();
  }
}
