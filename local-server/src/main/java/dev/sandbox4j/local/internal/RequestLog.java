package dev.sandbox4j.local.internal;

import dev.sandbox4j.local.RecordedRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The most recent API requests, oldest first. Bounded, so a long-running standalone server does
 * not grow without limit: past {@link #CAPACITY} entries the oldest are forgotten.
 */
final class RequestLog {

  static final int CAPACITY = 10_000;

  private final Deque<RecordedRequest> entries = new ArrayDeque<>();

  synchronized void add(RecordedRequest request) {
    if (entries.size() == CAPACITY) {
      entries.removeFirst();
    }
    entries.addLast(request);
  }

  synchronized List<RecordedRequest> snapshot() {
    return List.copyOf(entries);
  }

  synchronized void clear() {
    entries.clear();
  }
}
