package dev.sandbox4j;

import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.internal.Args;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to run code: in which language or context, with which environment, for how long, and who is
 * told about output as it arrives. Immutable; build with {@link #builder()}.
 */
public final class RunCodeOptions {
  private static final RunCodeOptions DEFAULTS = builder().build();

  private final String language;
  private final CodeContext context;
  private final Map<String, String> envs;
  private final Duration timeout;
  private final Duration requestTimeout;
  private final Consumer<String> onStdout;
  private final Consumer<String> onStderr;
  private final Consumer<ExecutionResult> onResult;
  private final Consumer<ExecutionError> onError;

  private RunCodeOptions(Builder builder) {
    this.language = builder.language;
    this.context = builder.context;
    this.envs = Map.copyOf(builder.envs);
    this.timeout = builder.timeout;
    this.requestTimeout = builder.requestTimeout;
    this.onStdout = builder.onStdout;
    this.onStderr = builder.onStderr;
    this.onResult = builder.onResult;
    this.onError = builder.onError;
  }

  /**
   * Returns the defaults: Python's default context, a 60 s limit, no callbacks.
   *
   * @return the defaults
   */
  public static RunCodeOptions defaults() {
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
   * Returns the language whose default context runs the code.
   *
   * @return the language, or empty
   */
  public Optional<String> language() {
    return Optional.ofNullable(language);
  }

  /**
   * Returns the context that runs the code.
   *
   * @return the context, or empty
   */
  public Optional<CodeContext> context() {
    return Optional.ofNullable(context);
  }

  /**
   * Returns environment variables set for this run only.
   *
   * @return the variables
   */
  public Map<String, String> envs() {
    return envs;
  }

  /**
   * Returns how long the code may run; {@link Duration#ZERO} means no limit.
   *
   * @return the limit
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Returns the time allowed until the interpreter answers; empty means the client's.
   *
   * @return the timeout, or empty
   */
  public Optional<Duration> requestTimeout() {
    return Optional.ofNullable(requestTimeout);
  }

  Consumer<String> onStdout() {
    return onStdout;
  }

  Consumer<String> onStderr() {
    return onStderr;
  }

  Consumer<ExecutionResult> onResult() {
    return onResult;
  }

  Consumer<ExecutionError> onError() {
    return onError;
  }

  /** Shows environment variable names only: their values may be secrets. */
  @Override
  public String toString() {
    return "RunCodeOptions{language="
        + language
        + ", context="
        + context
        + ", envs="
        + envs.keySet()
        + ", timeout="
        + timeout
        + "}";
  }

  /** Builds {@link RunCodeOptions}. */
  public static final class Builder {
    private String language;
    private CodeContext context;
    private final Map<String, String> envs = new LinkedHashMap<>();
    private Duration timeout = CommandOptions.DEFAULT_TIMEOUT;
    private Duration requestTimeout;
    private Consumer<String> onStdout;
    private Consumer<String> onStderr;
    private Consumer<ExecutionResult> onResult;
    private Consumer<ExecutionError> onError;

    private Builder() {}

    /**
     * Runs the code in a language's default context, e.g. {@code python}, {@code javascript}
     * ({@code js}), {@code typescript}, {@code r}, {@code java}, {@code bash}.
     *
     * @param language the language
     * @return this builder
     */
    public Builder language(String language) {
      this.language = language;
      return this;
    }

    /**
     * Runs the code in a context made by {@code createCodeContext}.
     *
     * @param context the context
     * @return this builder
     */
    public Builder context(CodeContext context) {
      this.context = context;
      return this;
    }

    /**
     * Sets environment variables for this run only.
     *
     * @param envs the variables
     * @return this builder
     */
    public Builder envs(Map<String, String> envs) {
      this.envs.clear();
      this.envs.putAll(Args.stringMap(envs, "envs", true));
      return this;
    }

    /**
     * Sets how long the code may run (default 60 s); {@link Duration#ZERO} means no limit.
     *
     * @param timeout the limit
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Args.timeout(timeout, "timeout");
      return this;
    }

    /**
     * Sets the time allowed until the interpreter answers, overriding the client's.
     *
     * @param requestTimeout the timeout; zero means none
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Args.timeout(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Sets a callback for each stdout chunk, called in order on the calling thread.
     *
     * @param onStdout the callback, or null
     * @return this builder
     */
    public Builder onStdout(Consumer<String> onStdout) {
      this.onStdout = onStdout;
      return this;
    }

    /**
     * Sets a callback for each stderr chunk.
     *
     * @param onStderr the callback, or null
     * @return this builder
     */
    public Builder onStderr(Consumer<String> onStderr) {
      this.onStderr = onStderr;
      return this;
    }

    /**
     * Sets a callback for each result.
     *
     * @param onResult the callback, or null
     * @return this builder
     */
    public Builder onResult(Consumer<ExecutionResult> onResult) {
      this.onResult = onResult;
      return this;
    }

    /**
     * Sets a callback for the error the code raises.
     *
     * @param onError the callback, or null
     * @return this builder
     */
    public Builder onError(Consumer<ExecutionError> onError) {
      this.onError = onError;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws SandboxConfigurationException when both a language and a context are set
     */
    public RunCodeOptions build() {
      if (language != null && context != null) {
        throw new SandboxConfigurationException(
            "set either language or context, not both: a context already has a language");
      }
      return new RunCodeOptions(this);
    }
  }
}
