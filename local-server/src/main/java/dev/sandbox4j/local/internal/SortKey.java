package dev.sandbox4j.local.internal;

import java.time.Instant;

/**
 * A sandbox's place in list order: newest first ({@code startedAt} descending), ties broken by
 * {@code sandboxID} ascending.
 *
 * <p>A key is a value, not a reference to a sandbox, so a page cursor built from one stays
 * meaningful after that sandbox is killed: the next page starts strictly after the key.
 */
record SortKey(Instant startedAt, String sandboxId) implements Comparable<SortKey> {

  @Override
  public int compareTo(SortKey other) {
    int byTime = other.startedAt.compareTo(startedAt);
    return byTime != 0 ? byTime : sandboxId.compareTo(other.sandboxId);
  }
}
