package dev.sandbox4j.local.internal;

import dev.sandbox4j.generated.model.SandboxState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The sandboxes and the ordered indexes that keep every list page and every expiry cheap.
 *
 * <p>Structures (all guarded by the owning {@link SandboxStore}'s lock; none is thread-safe on its
 * own):
 *
 * <ul>
 *   <li>{@code byId}: ID to sandbox, for O(1) lookups;
 *   <li>{@code listOrder}: every sandbox's {@link SortKey}, in list order;
 *   <li>{@code byState}: one such ordered set per state;
 *   <li>{@code byMetadata}: an inverted index, each metadata {@code key=value} pair to the ordered
 *       set of sandboxes carrying it;
 *   <li>{@code expiryOrder}: running sandboxes by {@code endAt}, so expiring costs O(expired · log
 *       n) and never a scan.
 * </ul>
 *
 * <p>A page walks one candidate set from the cursor ({@code tailSet}, O(log n)) and checks each
 * candidate against the whole filter. The candidate set is the smallest of: the set for the
 * requested states (all, or one state), and the posting set of each metadata pair. Without a
 * metadata filter every candidate matches, so a page costs O(log n + page size). With one, a page
 * costs O(log n + candidates visited); the worst case is a filter whose smallest posting set is
 * large while its other conditions match rarely, and then a page may visit that whole posting set
 * (still never more than the sandboxes carrying the rarest requested pair).
 */
final class SandboxIndex {

  private final Map<String, StoredSandbox> byId = new HashMap<>();
  private final NavigableSet<SortKey> listOrder = new TreeSet<>();
  private final Map<SandboxState, NavigableSet<SortKey>> byState =
      new EnumMap<>(SandboxState.class);
  private final Map<MetadataPair, NavigableSet<SortKey>> byMetadata = new HashMap<>();
  private final NavigableSet<ExpiryKey> expiryOrder = new TreeSet<>();

  /** A metadata pair as an index key. */
  private record MetadataPair(String key, String value) {}

  Optional<StoredSandbox> get(String sandboxId) {
    return Optional.ofNullable(byId.get(sandboxId));
  }

  boolean contains(String sandboxId) {
    return byId.containsKey(sandboxId);
  }

  int size() {
    return byId.size();
  }

  /** Adds a sandbox, or replaces the stored version with the same ID. */
  void put(StoredSandbox sandbox) {
    remove(sandbox.sandboxId());
    byId.put(sandbox.sandboxId(), sandbox);
    SortKey key = sandbox.sortKey();
    listOrder.add(key);
    byState.computeIfAbsent(sandbox.state(), s -> new TreeSet<>()).add(key);
    for (Map.Entry<String, String> pair : sandbox.metadata().entrySet()) {
      byMetadata
          .computeIfAbsent(new MetadataPair(pair.getKey(), pair.getValue()), p -> new TreeSet<>())
          .add(key);
    }
    if (sandbox.isRunning()) {
      expiryOrder.add(sandbox.expiryKey());
    }
  }

  /** Removes a sandbox from every index; returns it, or empty when there was none. */
  Optional<StoredSandbox> remove(String sandboxId) {
    StoredSandbox old = byId.remove(sandboxId);
    if (old == null) {
      return Optional.empty();
    }
    SortKey key = old.sortKey();
    listOrder.remove(key);
    byState.get(old.state()).remove(key);
    for (Map.Entry<String, String> pair : old.metadata().entrySet()) {
      MetadataPair indexKey = new MetadataPair(pair.getKey(), pair.getValue());
      NavigableSet<SortKey> postings = byMetadata.get(indexKey);
      postings.remove(key);
      if (postings.isEmpty()) {
        byMetadata.remove(indexKey);
      }
    }
    if (old.isRunning()) {
      expiryOrder.remove(old.expiryKey());
    }
    return Optional.of(old);
  }

  /** The running sandboxes whose lifetime has ended at {@code now}, soonest first. */
  List<StoredSandbox> expiredAt(Instant now) {
    List<StoredSandbox> due = new ArrayList<>();
    for (ExpiryKey key : expiryOrder) {
      if (key.endAt().isAfter(now)) {
        break;
      }
      due.add(byId.get(key.sandboxId()));
    }
    return due;
  }

  /**
   * One page, newest first, of the sandboxes matching {@code filter}, strictly after {@code after}.
   */
  Page page(ListFilter filter, Optional<SortKey> after, int limit) {
    return page(filter, after, limit, false);
  }

  /**
   * One page of the sandboxes matching {@code filter}, strictly after {@code after} if given,
   * newest first or, when {@code ascending}, in exactly the reverse order. A {@code startedAfter}
   * bound cuts the walk to the sandboxes started at or after it.
   */
  Page page(ListFilter filter, Optional<SortKey> after, int limit, boolean ascending) {
    NavigableSet<SortKey> candidates = smallestCandidateSet(filter);
    if (filter.startedAfter().isPresent()) {
      // Every key started at or after the bound sorts before (bound, the highest possible ID).
      candidates = candidates.headSet(new SortKey(filter.startedAfter().get(), "\uffff"), true);
    }
    NavigableSet<SortKey> ordered = ascending ? candidates.descendingSet() : candidates;
    NavigableSet<SortKey> remaining =
        after.isPresent() ? ordered.tailSet(after.get(), false) : ordered;
    List<StoredSandbox> items = new ArrayList<>(Math.min(limit, 128));
    boolean more = false;
    int examined = 0;
    for (SortKey key : remaining) {
      examined++;
      StoredSandbox sandbox = byId.get(key.sandboxId());
      if (!filter.matches(sandbox)) {
        continue;
      }
      if (items.size() == limit) {
        more = true;
        break;
      }
      items.add(sandbox);
    }
    Optional<SortKey> next =
        more ? Optional.of(items.get(items.size() - 1).sortKey()) : Optional.empty();
    return new Page(items, next, examined);
  }

  void clear() {
    byId.clear();
    listOrder.clear();
    byState.clear();
    byMetadata.clear();
    expiryOrder.clear();
  }

  private NavigableSet<SortKey> smallestCandidateSet(ListFilter filter) {
    NavigableSet<SortKey> smallest =
        filter.states().size() == 1
            ? byState.getOrDefault(
                filter.states().iterator().next(), Collections.emptyNavigableSet())
            : listOrder;
    for (Map.Entry<String, String> pair : filter.metadata().entrySet()) {
      NavigableSet<SortKey> postings =
          byMetadata.getOrDefault(
              new MetadataPair(pair.getKey(), pair.getValue()), Collections.emptyNavigableSet());
      if (postings.size() < smallest.size()) {
        smallest = postings;
      }
    }
    return smallest;
  }
}
