package dev.sandbox4j;

import dev.sandbox4j.internal.Args;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Describes a sandbox as the API reports it, from a listing or from {@code getInfo}.
 *
 * <p>Immutable. The {@code Optional} fields are empty when the server did not send them: {@link
 * #allowInternetAccess()}, {@link #autoPause()} and {@link #autoResume()} come only from {@code
 * getInfo}. Sandbox access tokens are never part of this value.
 */
public final class SandboxInfo {
  private final String sandboxId;
  private final String templateId;
  private final String name;
  private final Map<String, String> metadata;
  private final Instant startedAt;
  private final Instant endAt;
  private final String rawState;
  private final int cpuCount;
  private final int memoryMb;
  private final Integer diskSizeMb;
  private final String envdVersion;
  private final Boolean allowInternetAccess;
  private final Boolean autoPause;
  private final Boolean autoResume;

  private SandboxInfo(Builder builder) {
    this.sandboxId = Args.nonBlank(builder.sandboxId, "sandboxId");
    this.templateId = Args.nonNull(builder.templateId, "templateId");
    this.name = builder.name == null || builder.name.isEmpty() ? null : builder.name;
    this.metadata = Args.stringMapAllowingBlanks(builder.metadata, "metadata");
    this.startedAt = Args.nonNull(builder.startedAt, "startedAt");
    this.endAt = Args.nonNull(builder.endAt, "endAt");
    this.rawState = Args.nonNull(builder.rawState, "state");
    this.cpuCount = builder.cpuCount;
    this.memoryMb = builder.memoryMb;
    this.diskSizeMb = builder.diskSizeMb;
    this.envdVersion = builder.envdVersion;
    this.allowInternetAccess = builder.allowInternetAccess;
    this.autoPause = builder.autoPause;
    this.autoResume = builder.autoResume;
  }

  /**
   * Returns a builder for a {@code SandboxInfo}, e.g. for test doubles.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with this value's fields.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sandboxId = sandboxId;
    b.templateId = templateId;
    b.name = name;
    b.metadata = metadata;
    b.startedAt = startedAt;
    b.endAt = endAt;
    b.rawState = rawState;
    b.cpuCount = cpuCount;
    b.memoryMb = memoryMb;
    b.diskSizeMb = diskSizeMb;
    b.envdVersion = envdVersion;
    b.allowInternetAccess = allowInternetAccess;
    b.autoPause = autoPause;
    b.autoResume = autoResume;
    return b;
  }

  /**
   * Returns the sandbox's id.
   *
   * @return the id
   */
  public String sandboxId() {
    return sandboxId;
  }

  /**
   * Returns the id of the template the sandbox was created from.
   *
   * @return the template id
   */
  public String templateId() {
    return templateId;
  }

  /**
   * Returns the alias of the template the sandbox runs, e.g. {@code base}; the official SDKs call
   * it the sandbox's name. It is not a name given to this sandbox: to label a sandbox, set a
   * metadata key (e.g. {@code name}) when creating it and read {@link #metadata()}.
   *
   * @return the template's alias, or empty when the template has none
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * Returns the metadata given at creation.
   *
   * @return an unmodifiable map, empty when there is none; never null
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Returns when the sandbox was started.
   *
   * @return the start time
   */
  public Instant startedAt() {
    return startedAt;
  }

  /**
   * Returns when the sandbox expires (is killed, or paused if it auto-pauses) unless its timeout is
   * changed.
   *
   * @return the expiry time
   */
  public Instant endAt() {
    return endAt;
  }

  /**
   * Returns the sandbox's state; {@link SandboxState#UNKNOWN} for a state this SDK does not know.
   *
   * @return the state
   */
  public SandboxState state() {
    return SandboxState.fromWireValue(rawState);
  }

  /**
   * Returns the state exactly as the server sent it, e.g. {@code "running"}.
   *
   * @return the wire value
   */
  public String rawState() {
    return rawState;
  }

  /**
   * Returns the number of virtual CPUs.
   *
   * @return the CPU count
   */
  public int cpuCount() {
    return cpuCount;
  }

  /**
   * Returns the memory size in MiB.
   *
   * @return the memory in MiB
   */
  public int memoryMb() {
    return memoryMb;
  }

  /**
   * Returns the disk size in MiB.
   *
   * @return the disk size, or empty when the server did not send it
   */
  public OptionalInt diskSizeMb() {
    return diskSizeMb == null ? OptionalInt.empty() : OptionalInt.of(diskSizeMb);
  }

  /**
   * Returns the version of the daemon running inside the sandbox.
   *
   * @return the version, or empty when the server did not send it
   */
  public Optional<String> envdVersion() {
    return Optional.ofNullable(envdVersion);
  }

  /**
   * Returns whether the sandbox may reach the internet, when the server says (getInfo only).
   *
   * @return the setting, or empty when unknown
   */
  public Optional<Boolean> allowInternetAccess() {
    return Optional.ofNullable(allowInternetAccess);
  }

  /**
   * Returns whether the sandbox pauses instead of dying when its timeout ends (getInfo only).
   *
   * @return the setting, or empty when unknown
   */
  public Optional<Boolean> autoPause() {
    return Optional.ofNullable(autoPause);
  }

  /**
   * Returns whether a paused sandbox resumes on incoming traffic (getInfo only).
   *
   * @return the setting, or empty when unknown
   */
  public Optional<Boolean> autoResume() {
    return Optional.ofNullable(autoResume);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SandboxInfo)) {
      return false;
    }
    SandboxInfo that = (SandboxInfo) o;
    return cpuCount == that.cpuCount
        && memoryMb == that.memoryMb
        && sandboxId.equals(that.sandboxId)
        && templateId.equals(that.templateId)
        && Objects.equals(name, that.name)
        && metadata.equals(that.metadata)
        && startedAt.equals(that.startedAt)
        && endAt.equals(that.endAt)
        && rawState.equals(that.rawState)
        && Objects.equals(diskSizeMb, that.diskSizeMb)
        && Objects.equals(envdVersion, that.envdVersion)
        && Objects.equals(allowInternetAccess, that.allowInternetAccess)
        && Objects.equals(autoPause, that.autoPause)
        && Objects.equals(autoResume, that.autoResume);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sandboxId, templateId, startedAt, endAt, rawState, metadata);
  }

  @Override
  public String toString() {
    return "SandboxInfo{sandboxId="
        + sandboxId
        + ", templateId="
        + templateId
        + (name == null ? "" : ", templateAlias=" + name)
        + ", state="
        + rawState
        + ", startedAt="
        + startedAt
        + ", endAt="
        + endAt
        + ", cpuCount="
        + cpuCount
        + ", memoryMb="
        + memoryMb
        + ", metadata="
        + metadata
        + "}";
  }

  /** Builds a {@link SandboxInfo}; {@link #build()} checks the required fields. */
  public static final class Builder {
    private String sandboxId;
    private String templateId;
    private String name;
    private Map<String, String> metadata = Map.of();
    private Instant startedAt;
    private Instant endAt;
    private String rawState;
    private int cpuCount;
    private int memoryMb;
    private Integer diskSizeMb;
    private String envdVersion;
    private Boolean allowInternetAccess;
    private Boolean autoPause;
    private Boolean autoResume;

    private Builder() {}

    /**
     * Sets the sandbox id (required).
     *
     * @param sandboxId the id
     * @return this builder
     */
    public Builder sandboxId(String sandboxId) {
      this.sandboxId = sandboxId;
      return this;
    }

    /**
     * Sets the template id (required).
     *
     * @param templateId the template id
     * @return this builder
     */
    public Builder templateId(String templateId) {
      this.templateId = templateId;
      return this;
    }

    /**
     * Sets the template alias; null or empty means none.
     *
     * @param name the alias
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets the metadata; null means none.
     *
     * @param metadata the metadata
     * @return this builder
     */
    public Builder metadata(Map<String, String> metadata) {
      this.metadata = metadata == null ? Map.of() : metadata;
      return this;
    }

    /**
     * Sets the start time (required).
     *
     * @param startedAt the start time
     * @return this builder
     */
    public Builder startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    /**
     * Sets the expiry time (required).
     *
     * @param endAt the expiry time
     * @return this builder
     */
    public Builder endAt(Instant endAt) {
      this.endAt = endAt;
      return this;
    }

    /**
     * Sets the state (required).
     *
     * @param state the state; {@link SandboxState#UNKNOWN} is kept as "unknown"
     * @return this builder
     */
    public Builder state(SandboxState state) {
      this.rawState = state == null ? null : state.wireValue();
      return this;
    }

    /**
     * Sets the state as a wire value, which may be one this SDK does not know.
     *
     * @param rawState the wire value
     * @return this builder
     */
    public Builder rawState(String rawState) {
      this.rawState = rawState;
      return this;
    }

    /**
     * Sets the CPU count.
     *
     * @param cpuCount the CPU count
     * @return this builder
     */
    public Builder cpuCount(int cpuCount) {
      this.cpuCount = cpuCount;
      return this;
    }

    /**
     * Sets the memory size in MiB.
     *
     * @param memoryMb the memory in MiB
     * @return this builder
     */
    public Builder memoryMb(int memoryMb) {
      this.memoryMb = memoryMb;
      return this;
    }

    /**
     * Sets the disk size in MiB; null means unknown.
     *
     * @param diskSizeMb the disk size
     * @return this builder
     */
    public Builder diskSizeMb(Integer diskSizeMb) {
      this.diskSizeMb = diskSizeMb;
      return this;
    }

    /**
     * Sets the daemon version; null means unknown.
     *
     * @param envdVersion the version
     * @return this builder
     */
    public Builder envdVersion(String envdVersion) {
      this.envdVersion = envdVersion;
      return this;
    }

    /**
     * Sets whether internet access is allowed; null means unknown.
     *
     * @param allowInternetAccess the setting
     * @return this builder
     */
    public Builder allowInternetAccess(Boolean allowInternetAccess) {
      this.allowInternetAccess = allowInternetAccess;
      return this;
    }

    /**
     * Sets whether the sandbox auto-pauses; null means unknown.
     *
     * @param autoPause the setting
     * @return this builder
     */
    public Builder autoPause(Boolean autoPause) {
      this.autoPause = autoPause;
      return this;
    }

    /**
     * Sets whether the sandbox auto-resumes; null means unknown.
     *
     * @param autoResume the setting
     * @return this builder
     */
    public Builder autoResume(Boolean autoResume) {
      this.autoResume = autoResume;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     * @throws dev.sandbox4j.errors.SandboxConfigurationException when a required field is missing
     */
    public SandboxInfo build() {
      return new SandboxInfo(this);
    }
  }
}
