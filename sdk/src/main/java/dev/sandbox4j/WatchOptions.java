package dev.sandbox4j;

import dev.sandbox4j.errors.SandboxException;
import dev.sandbox4j.internal.Args;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/** How to watch a directory in a sandbox. Immutable; build with {@link #builder()}. */
public final class WatchOptions {
  private static final WatchOptions DEFAULTS = builder().build();

  private final boolean recursive;
  private final Duration timeout;
  private final Consumer<SandboxException> onExit;

  private WatchOptions(Builder builder) {
    this.recursive = builder.recursive;
    this.timeout = builder.timeout;
    this.onExit = builder.onExit;
  }

  /**
   * Returns the defaults: only the directory itself, for at most 60 s.
   *
   * @return the defaults
   */
  public static WatchOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns whether subdirectories are watched too.
   *
   * @return whether the watch is recursive
   */
  public boolean recursive() {
    return recursive;
  }

  /**
   * Returns how long the watch lasts; {@link Duration#ZERO} means until stopped.
   *
   * @return the limit
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Returns the callback told when the watch ends.
   *
   * @return the callback, or empty
   */
  public Optional<Consumer<SandboxException>> onExit() {
    return Optional.ofNullable(onExit);
  }

  @Override
  public String toString() {
    return "WatchOptions{recursive=" + recursive + ", timeout=" + timeout + "}";
  }

  /** Builds {@link WatchOptions}. */
  public static final class Builder {
    private boolean recursive;
    private Duration timeout = CommandOptions.DEFAULT_TIMEOUT;
    private Consumer<SandboxException> onExit;

    private Builder() {}

    /**
     * Watches subdirectories too (envd 0.1.4 and later).
     *
     * @param recursive whether to watch recursively
     * @return this builder
     */
    public Builder recursive(boolean recursive) {
      this.recursive = recursive;
      return this;
    }

    /**
     * Sets how long the watch lasts (default 60 s); {@link Duration#ZERO} means until stopped.
     *
     * @param timeout the limit
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Args.nonNegative(timeout, "timeout");
      return this;
    }

    /**
     * Sets a callback called once when the watch ends: with null when it ended normally (stopped,
     * or its time ran out), else with the failure.
     *
     * @param onExit the callback, or null
     * @return this builder
     */
    public Builder onExit(Consumer<SandboxException> onExit) {
      this.onExit = onExit;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public WatchOptions build() {
      return new WatchOptions(this);
    }
  }
}
