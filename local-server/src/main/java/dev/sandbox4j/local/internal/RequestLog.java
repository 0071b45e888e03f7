package dev.sandbox4j.local.internal;

import dev.sandbox4j.local.RecordedRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The most recent API requests, oldest first. Bounded, so a long-running standalone server does not
 * grow without limit: past {@link #CAPACITY} entries, or past {@link #MAX_RETAINED_CHARS}
 * characters of paths, queries, headers and bodies all together, the oldest are forgotten. The
 * second bound matters because one entry may hold a body of up to 1 MiB: ten thousand of those
 * would be gigabytes.
 */
final class RequestLog {

  static final int CAPACITY = 10_000;
  static final long MAX_RETAINED_CHARS = 16L << 20;

  /** A logged request and what it costs to keep. */
  private record Entry(RecordedRequest request, long chars) {}

  private final int capacity;
  private final long maxRetainedChars;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private long retainedChars;

  RequestLog() {
    this(CAPACITY, MAX_RETAINED_CHARS);
  }

  RequestLog(int capacity, long maxRetainedChars) {
    this.capacity = capacity;
    this.maxRetainedChars = maxRetainedChars;
  }

  synchronized void add(RecordedRequest request) {
    Entry entry = new Entry(request, size(request));
    entries.addLast(entry);
    retainedChars += entry.chars();
    while (entries.size() > 1 && (entries.size() > capacity || retainedChars > maxRetainedChars)) {
      retainedChars -= entries.removeFirst().chars();
    }
  }

  synchronized List<RecordedRequest> snapshot() {
    return entries.stream().map(Entry::request).toList();
  }

  synchronized void clear() {
    entries.clear();
    retainedChars = 0;
  }

  private static long size(RecordedRequest request) {
    long chars =
        64L
            + request.method().length()
            + request.path().length()
            + request.rawQuery().length()
            + request.body().length();
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      chars += header.getKey().length();
      for (String value : header.getValue()) {
        chars += value.length();
      }
    }
    return chars;
  }
}
