package dev.sandbox4j.local.internal;

import dev.sandbox4j.generated.model.SandboxState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox lifecycle rules, applied atomically to the {@link SandboxIndex}.
 *
 * <p>One lock (this object's monitor) guards everything: every operation is O(log n) or O(page), so
 * a single lock is both the simplest correct choice and fast enough. Every operation first ends the
 * lifetimes that are over at {@code now} (kill, or pause when autoPause was set), so expiry is lazy
 * but never observable as late.
 */
final class SandboxStore {

  /** What a pause request did. */
  enum PauseOutcome {
    PAUSED,
    ALREADY_PAUSED,
    NOT_FOUND
  }

  /**
   * The sandbox after a connect, and whether the connect resumed it (201) or found it running
   * (200).
   */
  record Connection(StoredSandbox sandbox, boolean resumed) {}

  /** The most characters (keys and values together) one sandbox's metadata may hold. */
  static final int MAX_METADATA_CHARS = 16 * 1024;

  /** The most characters (names and values together) one sandbox's envVars may hold. */
  static final int MAX_ENV_VARS_CHARS = 64 * 1024;

  /** The most metadata and envVars characters all sandboxes together may hold. */
  static final long MAX_HELD_CHARS = 32L << 20;

  private final SandboxIndex index = new SandboxIndex();
  private Instant latestStartedAt = Instant.MIN;
  private long heldChars;

  /**
   * Creates a running sandbox.
   *
   * @throws ApiProblem 400 when its metadata or envVars pass their bounds, or would take the server
   *     past what it holds in total (a fixed heap must never run out because of requests)
   */
  synchronized StoredSandbox create(SandboxBlueprint blueprint, Instant now) {
    expireLifetimes(now);
    checkBounds(blueprint, 1);
    String secret = blueprint.secure() ? RandomTokens.secret() : null;
    // As on the real server, the lifetime runs from the start time: endAt - startedAt is exactly
    // the requested timeout, even when the start time was moved past the clock to stay unique.
    Instant startedAt = nextStartedAt(now);
    StoredSandbox sandbox =
        StoredSandbox.of(
            blueprint,
            unusedId(),
            startedAt,
            startedAt.plus(blueprint.lifetime()),
            SandboxState.RUNNING,
            secret);
    index.put(sandbox);
    heldChars += blueprint.heldChars();
    return sandbox;
  }

  /**
   * Adds {@code count} sandboxes, the newest started at {@code newestStartedAt} and each next one
   * {@code spacing} older; returns their IDs, newest first.
   */
  synchronized List<String> seed(
      SandboxBlueprint blueprint,
      int count,
      SandboxState state,
      Instant newestStartedAt,
      Duration spacing,
      Instant now) {
    expireLifetimes(now);
    try {
      checkBounds(blueprint, count);
    } catch (ApiProblem tooMuch) {
      throw new IllegalArgumentException(tooMuch.getMessage());
    }
    List<StoredSandbox> seeded = new ArrayList<>(count);
    Instant newest = newestStartedAt.truncatedTo(ChronoUnit.MICROS);
    for (int i = 0; i < count; i++) {
      Instant startedAt = newest.minus(spacing.multipliedBy(i));
      boolean running = state == SandboxState.RUNNING;
      Instant endAt = running ? now.plus(blueprint.lifetime()) : now;
      String secret = blueprint.secure() ? RandomTokens.secret() : null;
      StoredSandbox sandbox =
          StoredSandbox.of(blueprint, unusedId(), startedAt, endAt, state, secret);
      index.put(sandbox);
      heldChars += blueprint.heldChars();
      seeded.add(sandbox);
    }
    if (count > 0 && newest.isAfter(latestStartedAt)) {
      latestStartedAt = newest;
    }
    // Equal start times (a zero or sub-microsecond spacing) are listed by ID, not by seed order.
    seeded.sort(Comparator.comparing(StoredSandbox::sortKey));
    return seeded.stream().map(StoredSandbox::sandboxId).toList();
  }

  synchronized Optional<StoredSandbox> get(String sandboxId, Instant now) {
    expireLifetimes(now);
    return index.get(sandboxId);
  }

  /** Kills a running or paused sandbox; false when there is none. */
  synchronized boolean kill(String sandboxId, Instant now) {
    expireLifetimes(now);
    Optional<StoredSandbox> removed = index.remove(sandboxId);
    removed.ifPresent(sandbox -> heldChars -= sandbox.heldChars());
    return removed.isPresent();
  }

  /**
   * Resumes a paused sandbox with {@code endAt = now + timeout}, or extends a running one to that
   * time if it is later (connect never shortens a lifetime).
   */
  synchronized Optional<Connection> connect(String sandboxId, Duration timeout, Instant now) {
    expireLifetimes(now);
    Optional<StoredSandbox> found = index.get(sandboxId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredSandbox sandbox = found.get();
    Instant requestedEnd = now.plus(timeout);
    if (!sandbox.isRunning()) {
      // As on the real server, a resume starts a new run: a new startedAt (so the sandbox lists
      // newest, and cursors place it there) and a lifetime counted from it.
      Instant restartedAt = nextStartedAt(now);
      StoredSandbox resumed = sandbox.restarted(restartedAt, restartedAt.plus(timeout));
      index.put(resumed);
      return Optional.of(new Connection(resumed, true));
    }
    if (requestedEnd.isAfter(sandbox.endAt())) {
      sandbox = sandbox.running(requestedEnd);
      index.put(sandbox);
    }
    return Optional.of(new Connection(sandbox, false));
  }

  synchronized PauseOutcome pause(String sandboxId, Instant now) {
    expireLifetimes(now);
    Optional<StoredSandbox> found = index.get(sandboxId);
    if (found.isEmpty()) {
      return PauseOutcome.NOT_FOUND;
    }
    if (!found.get().isRunning()) {
      return PauseOutcome.ALREADY_PAUSED;
    }
    index.put(found.get().paused(now));
    return PauseOutcome.PAUSED;
  }

  /**
   * Replaces a running sandbox's end time with {@code now + timeout} (shorter or longer); false
   * when the sandbox is missing or paused.
   */
  synchronized boolean setTimeout(String sandboxId, Duration timeout, Instant now) {
    expireLifetimes(now);
    Optional<StoredSandbox> found = index.get(sandboxId);
    if (found.isEmpty() || !found.get().isRunning()) {
      return false;
    }
    index.put(found.get().running(now.plus(timeout)));
    return true;
  }

  synchronized Page list(
      ListFilter filter, Optional<SortKey> after, int limit, boolean ascending, Instant now) {
    expireLifetimes(now);
    return index.page(filter, after, limit, ascending);
  }

  synchronized int size(Instant now) {
    expireLifetimes(now);
    return index.size();
  }

  synchronized void clear() {
    index.clear();
    heldChars = 0;
    latestStartedAt = Instant.MIN;
  }

  private void checkBounds(SandboxBlueprint blueprint, int count) {
    if (SandboxBlueprint.chars(blueprint.metadata()) > MAX_METADATA_CHARS) {
      throw ApiProblem.badRequest(
          "metadata exceeds " + MAX_METADATA_CHARS + " characters (keys and values together)");
    }
    if (SandboxBlueprint.chars(blueprint.envVars()) > MAX_ENV_VARS_CHARS) {
      throw ApiProblem.badRequest(
          "envVars exceed " + MAX_ENV_VARS_CHARS + " characters (names and values together)");
    }
    if (heldChars + (long) count * blueprint.heldChars() > MAX_HELD_CHARS) {
      throw ApiProblem.badRequest(
          "The local server holds "
              + MAX_HELD_CHARS
              + " characters of metadata and envVars at most;"
              + " kill sandboxes to make room");
    }
  }

  private void expireLifetimes(Instant now) {
    for (StoredSandbox sandbox : index.expiredAt(now)) {
      if (sandbox.autoPause()) {
        index.put(sandbox.paused(sandbox.endAt()));
      } else {
        index.remove(sandbox.sandboxId());
        heldChars -= sandbox.heldChars();
      }
    }
  }

  /**
   * Creation times strictly increase, at microsecond precision, even when the clock stands still or
   * ticks coarsely: "newest first" then always means "most recently created first".
   */
  private Instant nextStartedAt(Instant now) {
    Instant candidate = now.truncatedTo(ChronoUnit.MICROS);
    if (!candidate.isAfter(latestStartedAt)) {
      candidate = latestStartedAt.plus(1, ChronoUnit.MICROS);
    }
    latestStartedAt = candidate;
    return candidate;
  }

  private String unusedId() {
    String id = RandomTokens.sandboxId();
    while (index.contains(id)) {
      id = RandomTokens.sandboxId();
    }
    return id;
  }
}
