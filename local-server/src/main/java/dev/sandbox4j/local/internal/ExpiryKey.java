package dev.sandbox4j.local.internal;

import java.time.Instant;
import java.util.Comparator;

/** A running sandbox's place in expiry order: soonest {@code endAt} first. */
record ExpiryKey(Instant endAt, String sandboxId) implements Comparable<ExpiryKey> {

  private static final Comparator<ExpiryKey> ORDER =
      Comparator.comparing(ExpiryKey::endAt).thenComparing(ExpiryKey::sandboxId);

  @Override
  public int compareTo(ExpiryKey other) {
    return ORDER.compare(this, other);
  }
}
