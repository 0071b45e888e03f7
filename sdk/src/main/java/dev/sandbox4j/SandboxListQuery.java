package dev.sandbox4j;

import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.internal.Args;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Says which sandboxes to list and how to page through them: server-side filters on metadata and
 * state, a page size, and a cursor to resume from.
 *
 * <p>Immutable. Unset means "not sent": with no states the server lists running and paused
 * sandboxes; with no limit it uses pages of 100.
 */
public final class SandboxListQuery {
  /** The smallest page size the API accepts. */
  public static final int MIN_LIMIT = 1;

  /** The largest page size the API accepts. */
  public static final int MAX_LIMIT = 100;

  /**
   * How many empty pages in a row, each with a next-page token, a listing follows by default before
   * it gives up with a {@link dev.sandbox4j.errors.SandboxProtocolException}.
   */
  public static final int DEFAULT_MAX_EMPTY_PAGES = 50;

  private static final SandboxListQuery ALL = builder().build();

  private final Map<String, String> metadata;
  private final List<SandboxState> states;
  private final Integer limit;
  private final String nextToken;
  private final int maxEmptyPages;
  private final boolean pipelining;

  private SandboxListQuery(Builder builder) {
    this.metadata = Args.stringMap(builder.metadata, "metadata", false);
    this.states = checkedStates(builder.states);
    if (builder.limit != null && (builder.limit < MIN_LIMIT || builder.limit > MAX_LIMIT)) {
      throw new SandboxConfigurationException(
          "limit must be between " + MIN_LIMIT + " and " + MAX_LIMIT + ", got " + builder.limit);
    }
    this.limit = builder.limit;
    if (builder.nextToken != null && builder.nextToken.isBlank()) {
      throw new SandboxConfigurationException("nextToken must not be blank");
    }
    this.nextToken = builder.nextToken;
    if (builder.maxEmptyPages < 1) {
      throw new SandboxConfigurationException(
          "maxEmptyPages must be at least 1, got " + builder.maxEmptyPages);
    }
    this.maxEmptyPages = builder.maxEmptyPages;
    this.pipelining = builder.pipelining;
  }

  private static List<SandboxState> checkedStates(List<SandboxState> states) {
    Args.nonNull(states, "states");
    List<SandboxState> checked = new ArrayList<>();
    for (SandboxState state : states) {
      if (state == null || state == SandboxState.UNKNOWN) {
        throw new SandboxConfigurationException("states must be RUNNING or PAUSED, got " + state);
      }
      if (!checked.contains(state)) {
        checked.add(state);
      }
    }
    return List.copyOf(checked);
  }

  /**
   * Returns a query with no filters, no page size and no cursor: every running and paused sandbox.
   *
   * @return the query
   */
  public static SandboxListQuery all() {
    return ALL;
  }

  /**
   * Returns a new builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with this query.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.metadata.putAll(metadata);
    b.states.addAll(states);
    b.limit = limit;
    b.nextToken = nextToken;
    b.maxEmptyPages = maxEmptyPages;
    b.pipelining = pipelining;
    return b;
  }

  /**
   * Returns the metadata every listed sandbox must carry (all pairs, exact match).
   *
   * @return an unmodifiable map, empty for no filter
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Returns the states to list.
   *
   * @return an unmodifiable list, empty for "running and paused"
   */
  public List<SandboxState> states() {
    return states;
  }

  /**
   * Returns the page size.
   *
   * @return the page size, or empty for the server's default (100)
   */
  public OptionalInt limit() {
    return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
  }

  /**
   * Returns the cursor to start from, as returned by {@link SandboxPaginator#nextToken()}.
   *
   * @return the cursor, or empty to start at the newest sandbox
   */
  public Optional<String> nextToken() {
    return Optional.ofNullable(nextToken);
  }

  /**
   * Returns how many empty pages in a row (each with a next-page token) the listing follows before
   * it stops with a {@link dev.sandbox4j.errors.SandboxProtocolException}: a server that keeps
   * answering nothing but a fresh token makes no progress.
   *
   * @return the bound, {@value #DEFAULT_MAX_EMPTY_PAGES} unless set
   */
  public int maxEmptyPages() {
    return maxEmptyPages;
  }

  /**
   * Returns whether iterating and streaming request each next page as soon as the current page's
   * cursor arrives, before the current page is read (one request ahead at most).
   *
   * @return true unless turned off
   */
  public boolean pipelining() {
    return pipelining;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SandboxListQuery)) {
      return false;
    }
    SandboxListQuery that = (SandboxListQuery) o;
    return metadata.equals(that.metadata)
        && states.equals(that.states)
        && Objects.equals(limit, that.limit)
        && Objects.equals(nextToken, that.nextToken)
        && maxEmptyPages == that.maxEmptyPages
        && pipelining == that.pipelining;
  }

  @Override
  public int hashCode() {
    return Objects.hash(metadata, states, limit, nextToken, maxEmptyPages, pipelining);
  }

  @Override
  public String toString() {
    return "SandboxListQuery{metadata="
        + metadata
        + ", states="
        + states
        + ", limit="
        + limit
        + ", nextToken="
        + (nextToken == null ? "none" : "[redacted]")
        + ", maxEmptyPages="
        + maxEmptyPages
        + ", pipelining="
        + pipelining
        + "}";
  }

  /**
   * Builds a {@link SandboxListQuery}. Setters only record; {@link #build()} validates and throws
   * {@link SandboxConfigurationException} naming the first bad argument.
   */
  public static final class Builder {
    private Map<String, String> metadata = new LinkedHashMap<>();
    private List<SandboxState> states = new ArrayList<>();
    private Integer limit;
    private String nextToken;
    private int maxEmptyPages = DEFAULT_MAX_EMPTY_PAGES;
    private boolean pipelining = true;

    private Builder() {}

    /**
     * Replaces the metadata filter: a sandbox is listed only if it has every pair.
     *
     * @param metadata keys and values, none null or blank
     * @return this builder
     */
    public Builder metadata(Map<String, String> metadata) {
      this.metadata = Args.copyOrNull(metadata);
      return this;
    }

    /**
     * Adds one pair to the metadata filter.
     *
     * @param key the key, not blank
     * @param value the value, not blank
     * @return this builder
     */
    public Builder putMetadata(String key, String value) {
      metadata = Args.with(metadata, key, value);
      return this;
    }

    /**
     * Replaces the states to list; none means running and paused.
     *
     * @param states the states, not {@link SandboxState#UNKNOWN}
     * @return this builder
     */
    public Builder states(SandboxState... states) {
      return states(states == null ? null : Arrays.asList(states));
    }

    /**
     * Replaces the states to list; an empty collection means running and paused.
     *
     * @param states the states, not {@link SandboxState#UNKNOWN}
     * @return this builder
     */
    public Builder states(Collection<SandboxState> states) {
      this.states = states == null ? null : new ArrayList<>(states);
      return this;
    }

    /**
     * Sets the page size, from {@value SandboxListQuery#MIN_LIMIT} to {@value
     * SandboxListQuery#MAX_LIMIT}.
     *
     * @param limit the page size
     * @return this builder
     */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /**
     * Sets the cursor to resume from, as returned by {@link SandboxPaginator#nextToken()}; null
     * starts at the newest sandbox.
     *
     * @param nextToken the cursor, or null
     * @return this builder
     */
    public Builder nextToken(String nextToken) {
      this.nextToken = nextToken;
      return this;
    }

    /**
     * Sets how many empty pages in a row, each with a next-page token, the listing follows before
     * it stops with a {@link dev.sandbox4j.errors.SandboxProtocolException} (default {@value
     * SandboxListQuery#DEFAULT_MAX_EMPTY_PAGES}).
     *
     * @param maxEmptyPages 1 or more
     * @return this builder
     */
    public Builder maxEmptyPages(int maxEmptyPages) {
      this.maxEmptyPages = maxEmptyPages;
      return this;
    }

    /**
     * Turns pipelining on or off (default on): when on, iterating or streaming the listing sends
     * each next page's request as soon as the current page's cursor arrives, overlapping the
     * server's work with this page's parsing. {@link SandboxPaginator#nextItems()} never requests
     * ahead either way.
     *
     * @param pipelining whether to request one page ahead
     * @return this builder
     */
    public Builder pipelining(boolean pipelining) {
      this.pipelining = pipelining;
      return this;
    }

    /**
     * Validates and builds the query.
     *
     * @return the query
     * @throws SandboxConfigurationException naming the bad argument
     */
    public SandboxListQuery build() {
      return new SandboxListQuery(this);
    }
  }
}
