package dev.sandbox4j;

import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.internal.Args;
import dev.sandbox4j.internal.WireDurations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Describes a sandbox to create: its template, lifetime, metadata, environment variables and
 * lifecycle.
 *
 * <p>Immutable. Every field has a deliberate default, and every one is sent (except empty metadata
 * and envs), so the server's own defaults never decide: template {@value #DEFAULT_TEMPLATE},
 * timeout {@link #DEFAULT_TIMEOUT 300 s}, secure, internet access allowed, no auto-pause. {@code
 * toString()} shows the names of environment variables but never their values, which often hold
 * secrets.
 */
public final class CreateSandboxParams {
  /** The template used when none is given. */
  public static final String DEFAULT_TEMPLATE = "base";

  /** The lifetime used when none is given. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

  private static final CreateSandboxParams DEFAULTS = builder().build();

  private final String template;
  private final Duration timeout;
  private final Map<String, String> metadata;
  private final Map<String, String> envs;
  private final boolean autoPause;
  private final boolean autoResume;
  private final boolean secure;
  private final boolean allowInternetAccess;

  private CreateSandboxParams(Builder builder) {
    this.template = Args.nonBlank(builder.template, "template");
    this.timeout = builder.timeout;
    WireDurations.lifetimeSeconds(timeout, "timeout");
    this.metadata = Args.stringMap(builder.metadata, "metadata", false);
    this.envs = Args.stringMap(builder.envs, "envs", true);
    this.autoPause = builder.autoPause;
    this.autoResume = builder.autoResume;
    if (autoResume && !autoPause) {
      throw new SandboxConfigurationException(
          "autoResume requires autoPause(true): only a paused sandbox can resume");
    }
    this.secure = builder.secure;
    this.allowInternetAccess = builder.allowInternetAccess;
  }

  /**
   * Returns the defaults: template {@code base}, 300 s, no metadata or envs.
   *
   * @return the default parameters
   */
  public static CreateSandboxParams defaults() {
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
    Builder b = new Builder();
    b.template = template;
    b.timeout = timeout;
    b.metadata = new LinkedHashMap<>(metadata);
    b.envs = new LinkedHashMap<>(envs);
    b.autoPause = autoPause;
    b.autoResume = autoResume;
    b.secure = secure;
    b.allowInternetAccess = allowInternetAccess;
    return b;
  }

  /**
   * Returns the template id or alias.
   *
   * @return the template
   */
  public String template() {
    return template;
  }

  /**
   * Returns the sandbox's lifetime; it is sent as whole seconds, rounded up.
   *
   * @return the lifetime
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Returns the metadata to attach to the sandbox.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Returns the environment variables for the sandbox's processes.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> envs() {
    return envs;
  }

  /**
   * Returns whether the sandbox pauses, rather than dies, when its lifetime ends.
   *
   * @return the setting
   */
  public boolean autoPause() {
    return autoPause;
  }

  /**
   * Returns whether a paused sandbox resumes on incoming traffic.
   *
   * @return the setting
   */
  public boolean autoResume() {
    return autoResume;
  }

  /**
   * Returns whether traffic to the in-sandbox daemon requires an access token.
   *
   * @return the setting
   */
  public boolean secure() {
    return secure;
  }

  /**
   * Returns whether the sandbox may reach the internet.
   *
   * @return the setting
   */
  public boolean allowInternetAccess() {
    return allowInternetAccess;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CreateSandboxParams)) {
      return false;
    }
    CreateSandboxParams that = (CreateSandboxParams) o;
    return autoPause == that.autoPause
        && autoResume == that.autoResume
        && secure == that.secure
        && allowInternetAccess == that.allowInternetAccess
        && template.equals(that.template)
        && timeout.equals(that.timeout)
        && metadata.equals(that.metadata)
        && envs.equals(that.envs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        template, timeout, metadata, envs, autoPause, autoResume, secure, allowInternetAccess);
  }

  @Override
  public String toString() {
    return "CreateSandboxParams{template="
        + template
        + ", timeout="
        + timeout
        + ", metadata="
        + metadata
        + ", envs="
        + envs.keySet()
        + ", autoPause="
        + autoPause
        + ", autoResume="
        + autoResume
        + ", secure="
        + secure
        + ", allowInternetAccess="
        + allowInternetAccess
        + "}";
  }

  /**
   * Builds {@link CreateSandboxParams}. Setters only record; {@link #build()} validates and throws
   * {@link dev.sandbox4j.errors.SandboxConfigurationException} naming the first bad argument.
   */
  public static final class Builder {
    private String template = DEFAULT_TEMPLATE;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Map<String, String> metadata = new LinkedHashMap<>();
    private Map<String, String> envs = new LinkedHashMap<>();
    private boolean autoPause;
    private boolean autoResume;
    private boolean secure = true;
    private boolean allowInternetAccess = true;

    private Builder() {}

    /**
     * Sets the template id or alias (default {@value CreateSandboxParams#DEFAULT_TEMPLATE}).
     *
     * @param template the template, not blank
     * @return this builder
     */
    public Builder template(String template) {
      this.template = template;
      return this;
    }

    /**
     * Sets the sandbox's lifetime (default 300 s); it must be positive and is sent in whole
     * seconds, rounded up.
     *
     * @param timeout the lifetime
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Replaces the metadata; it can be filtered on when listing.
     *
     * @param metadata keys and values, none null or blank
     * @return this builder
     */
    public Builder metadata(Map<String, String> metadata) {
      this.metadata = Args.copyOrNull(metadata);
      return this;
    }

    /**
     * Adds one metadata pair.
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
     * Replaces the environment variables.
     *
     * @param envs names (not blank) and values (not null, may be empty)
     * @return this builder
     */
    public Builder envs(Map<String, String> envs) {
      this.envs = Args.copyOrNull(envs);
      return this;
    }

    /**
     * Adds one environment variable.
     *
     * @param name the name, not blank
     * @param value the value, not null
     * @return this builder
     */
    public Builder putEnv(String name, String value) {
      envs = Args.with(envs, name, value);
      return this;
    }

    /**
     * Sets whether the sandbox pauses instead of dying when its lifetime ends (default false).
     *
     * @param autoPause the setting
     * @return this builder
     */
    public Builder autoPause(boolean autoPause) {
      this.autoPause = autoPause;
      return this;
    }

    /**
     * Sets whether a paused sandbox resumes on incoming traffic (default false); requires {@link
     * #autoPause(boolean) autoPause(true)}.
     *
     * @param autoResume the setting
     * @return this builder
     */
    public Builder autoResume(boolean autoResume) {
      this.autoResume = autoResume;
      return this;
    }

    /**
     * Sets whether traffic to the in-sandbox daemon requires an access token (default true).
     *
     * @param secure the setting
     * @return this builder
     */
    public Builder secure(boolean secure) {
      this.secure = secure;
      return this;
    }

    /**
     * Sets whether the sandbox may reach the internet (default true).
     *
     * @param allowInternetAccess the setting
     * @return this builder
     */
    public Builder allowInternetAccess(boolean allowInternetAccess) {
      this.allowInternetAccess = allowInternetAccess;
      return this;
    }

    /**
     * Validates and builds the parameters.
     *
     * @return the parameters
     * @throws dev.sandbox4j.errors.SandboxConfigurationException naming the bad argument
     */
    public CreateSandboxParams build() {
      return new CreateSandboxParams(this);
    }
  }
}
