package dev.sandbox4j.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link LocalServerAdmin#seed} should add: {@code count} alike sandboxes whose start times
 * are spaced evenly into the past, so list order is known in advance.
 *
 * <p>The newest seeded sandbox starts at {@link #newestStartedAt()} (default: the server's now) and
 * each next one {@link #spacing()} earlier (default one second). Running ones end their lifetime
 * {@link #timeout()} after the seed (default one hour); paused ones report the seed time as their
 * {@code endAt}. Instances are immutable.
 *
 * <pre>{@code
 * server.admin().seed(SeedSpec.builder().count(100_000).metadata(Map.of("env", "dev")).build());
 * }</pre>
 */
public final class SeedSpec {

  /** The most sandboxes one seed call may add. */
  public static final int MAX_COUNT = 1_000_000;

  private final int count;
  private final String templateId;
  private final Map<String, String> metadata;
  private final boolean paused;
  private final Instant newestStartedAt;
  private final Duration spacing;
  private final Duration timeout;
  private final boolean autoPause;

  private SeedSpec(Builder builder) {
    this.count = builder.count;
    this.templateId = builder.templateId;
    this.metadata = builder.metadata;
    this.paused = builder.paused;
    this.newestStartedAt = builder.newestStartedAt;
    this.spacing = builder.spacing;
    this.timeout = builder.timeout;
    this.autoPause = builder.autoPause;
  }

  /**
   * Returns a spec for {@code count} running sandboxes of template {@code base}, no metadata.
   *
   * @param count how many sandboxes, 0 to {@value #MAX_COUNT}
   * @return the spec
   */
  public static SeedSpec of(int count) {
    return builder().count(count).build();
  }

  /** {@return a builder with the defaults described on this class and a count of 1} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return how many sandboxes to add} */
  public int count() {
    return count;
  }

  /** {@return the template every seeded sandbox reports} */
  public String templateId() {
    return templateId;
  }

  /** {@return the metadata every seeded sandbox carries} */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** {@return whether the sandboxes are seeded paused (else running)} */
  public boolean paused() {
    return paused;
  }

  /**
   * Returns the start time of the newest seeded sandbox; empty means the server's now. Sandboxes
   * created later always start after it, even when it lies in the future.
   *
   * @return the start time of the newest sandbox, if one was set
   */
  public Optional<Instant> newestStartedAt() {
    return Optional.ofNullable(newestStartedAt);
  }

  /** {@return the gap between the start times of consecutive seeded sandboxes} */
  public Duration spacing() {
    return spacing;
  }

  /** {@return how long after the seed running sandboxes' lifetimes end} */
  public Duration timeout() {
    return timeout;
  }

  /** {@return whether seeded sandboxes pause, rather than die, when their lifetime ends} */
  public boolean autoPause() {
    return autoPause;
  }

  /** Builds a {@link SeedSpec}. Not thread-safe. */
  public static final class Builder {

    private int count = 1;
    private String templateId = "base";
    private Map<String, String> metadata = Map.of();
    private boolean paused;
    private Instant newestStartedAt;
    private Duration spacing = Duration.ofSeconds(1);
    private Duration timeout = Duration.ofHours(1);
    private boolean autoPause;

    private Builder() {}

    /**
     * Sets how many sandboxes to add, 0 to {@value SeedSpec#MAX_COUNT}.
     *
     * @param value how many, 0 to {@value SeedSpec#MAX_COUNT}
     * @return this builder
     */
    public Builder count(int value) {
      if (value < 0 || value > MAX_COUNT) {
        throw new IllegalArgumentException(
            "count must be between 0 and " + MAX_COUNT + ", got " + value);
      }
      this.count = value;
      return this;
    }

    /**
     * Sets the template ID (default {@code base}).
     *
     * @param value the template ID, not blank
     * @return this builder
     */
    public Builder templateId(String value) {
      Objects.requireNonNull(value, "value");
      if (value.isBlank()) {
        throw new IllegalArgumentException("templateId must not be blank");
      }
      this.templateId = value;
      return this;
    }

    /**
     * Sets the metadata every seeded sandbox carries (default none).
     *
     * @param value the metadata (copied)
     * @return this builder
     */
    public Builder metadata(Map<String, String> value) {
      this.metadata = Map.copyOf(value);
      return this;
    }

    /**
     * Seeds paused sandboxes instead of running ones.
     *
     * @param value true to seed paused sandboxes
     * @return this builder
     */
    public Builder paused(boolean value) {
      this.paused = value;
      return this;
    }

    /**
     * Sets the start time of the newest seeded sandbox (default: the server's now).
     *
     * @param value the start time of the newest sandbox
     * @return this builder
     */
    public Builder newestStartedAt(Instant value) {
      this.newestStartedAt = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the gap between consecutive start times (default 1 s; zero makes them all equal).
     *
     * @param value the gap, not negative
     * @return this builder
     */
    public Builder spacing(Duration value) {
      Objects.requireNonNull(value, "value");
      if (value.isNegative()) {
        throw new IllegalArgumentException("spacing must not be negative, got " + value);
      }
      this.spacing = value;
      return this;
    }

    /**
     * Sets how long after the seed running sandboxes' lifetimes end (default 1 h).
     *
     * @param value the lifetime, positive
     * @return this builder
     */
    public Builder timeout(Duration value) {
      Objects.requireNonNull(value, "value");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + value);
      }
      this.timeout = value;
      return this;
    }

    /**
     * Makes seeded sandboxes pause, rather than die, when their lifetime ends.
     *
     * @param value true to make them pause
     * @return this builder
     */
    public Builder autoPause(boolean value) {
      this.autoPause = value;
      return this;
    }

    /** {@return the spec} */
    public SeedSpec build() {
      return new SeedSpec(this);
    }
  }
}
