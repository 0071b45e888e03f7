package dev.sandbox4j;

import dev.sandbox4j.internal.WireDurations;
import java.time.Duration;

/**
 * Describes how to connect to a sandbox: the lifetime to give it from now.
 *
 * <p>Immutable. Connecting a paused sandbox resumes it with this lifetime; for a running one the
 * server only ever extends the lifetime, never shortens it.
 */
public final class ConnectSandboxParams {
  /** The lifetime used when none is given, as in the official SDK. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

  private static final ConnectSandboxParams DEFAULTS = builder().build();

  private final Duration timeout;

  private ConnectSandboxParams(Builder builder) {
    WireDurations.lifetimeSeconds(builder.timeout, "timeout");
    this.timeout = builder.timeout;
  }

  /**
   * Returns the defaults: a lifetime of 300 s.
   *
   * @return the default parameters
   */
  public static ConnectSandboxParams defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a new builder holding the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with these parameters.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    return new Builder().timeout(timeout);
  }

  /**
   * Returns the lifetime to give the sandbox from now; sent as whole seconds, rounded up.
   *
   * @return the lifetime
   */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectSandboxParams && ((ConnectSandboxParams) o).timeout.equals(timeout);
  }

  @Override
  public int hashCode() {
    return timeout.hashCode();
  }

  @Override
  public String toString() {
    return "ConnectSandboxParams{timeout=" + timeout + "}";
  }

  /**
   * Builds {@link ConnectSandboxParams}; {@link #build()} validates and throws {@link
   * dev.sandbox4j.errors.SandboxConfigurationException} naming the bad argument.
   */
  public static final class Builder {
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {}

    /**
     * Sets the lifetime to give the sandbox from now (default 300 s); it must be positive.
     *
     * @param timeout the lifetime
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Validates and builds the parameters.
     *
     * @return the parameters
     * @throws dev.sandbox4j.errors.SandboxConfigurationException naming the bad argument
     */
    public ConnectSandboxParams build() {
      return new ConnectSandboxParams(this);
    }
  }
}
