package dev.sandbox4j;

import dev.sandbox4j.internal.Args;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to run a command in a sandbox: working directory, environment, user, time limit, stdin and
 * output callbacks. Immutable; build with {@link #builder()}.
 */
public final class CommandOptions {
  /** The default time limit of a command, as in the official SDKs. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final CommandOptions DEFAULTS = builder().build();

  private final String cwd;
  private final Map<String, String> envs;
  private final String user;
  private final Duration timeout;
  private final boolean stdin;
  private final Consumer<String> onStdout;
  private final Consumer<String> onStderr;
  private final Duration requestTimeout;

  private CommandOptions(Builder builder) {
    this.cwd = builder.cwd;
    this.envs = Map.copyOf(builder.envs);
    this.user = builder.user;
    this.timeout = builder.timeout;
    this.stdin = builder.stdin;
    this.onStdout = builder.onStdout;
    this.onStderr = builder.onStderr;
    this.requestTimeout = builder.requestTimeout;
  }

  /**
   * Returns the default options: the template's user and working directory, a 60 s limit, no stdin,
   * no callbacks.
   *
   * @return the defaults
   */
  public static CommandOptions defaults() {
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
   * Returns a builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.cwd = cwd;
    builder.envs.putAll(envs);
    builder.user = user;
    builder.timeout = timeout;
    builder.stdin = stdin;
    builder.onStdout = onStdout;
    builder.onStderr = onStderr;
    builder.requestTimeout = requestTimeout;
    return builder;
  }

  /**
   * Returns the working directory; empty means the template's (or the user's home).
   *
   * @return the directory, or empty
   */
  public Optional<String> cwd() {
    return Optional.ofNullable(cwd);
  }

  /**
   * Returns the environment variables added for this command.
   *
   * @return the variables, never null
   */
  public Map<String, String> envs() {
    return envs;
  }

  /**
   * Returns the user the command runs as; empty means the template's default user.
   *
   * @return the user, or empty
   */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /**
   * Returns the command's time limit; {@link Duration#ZERO} means none. When it runs out the daemon
   * kills the command, even one started in the background.
   *
   * @return the limit
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Returns whether stdin stays open for {@code sendStdin}.
   *
   * @return whether stdin is open
   */
  public boolean stdin() {
    return stdin;
  }

  /**
   * Returns the stdout callback.
   *
   * @return the callback, or empty
   */
  public Optional<Consumer<String>> onStdout() {
    return Optional.ofNullable(onStdout);
  }

  /**
   * Returns the stderr callback.
   *
   * @return the callback, or empty
   */
  public Optional<Consumer<String>> onStderr() {
    return Optional.ofNullable(onStderr);
  }

  /**
   * Returns the time allowed to start the command; empty means the client's request timeout.
   *
   * @return the timeout, or empty
   */
  public Optional<Duration> requestTimeout() {
    return Optional.ofNullable(requestTimeout);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CommandOptions)) {
      return false;
    }
    CommandOptions other = (CommandOptions) o;
    return stdin == other.stdin
        && Objects.equals(cwd, other.cwd)
        && envs.equals(other.envs)
        && Objects.equals(user, other.user)
        && timeout.equals(other.timeout)
        && Objects.equals(onStdout, other.onStdout)
        && Objects.equals(onStderr, other.onStderr)
        && Objects.equals(requestTimeout, other.requestTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cwd, envs, user, timeout, stdin, onStdout, onStderr, requestTimeout);
  }

  /** Shows environment variable names only: their values may be secrets. */
  @Override
  public String toString() {
    return "CommandOptions{cwd="
        + cwd
        + ", envs="
        + envs.keySet()
        + ", user="
        + user
        + ", timeout="
        + timeout
        + ", stdin="
        + stdin
        + "}";
  }

  /** Builds {@link CommandOptions}. */
  public static final class Builder {
    private String cwd;
    private final Map<String, String> envs = new LinkedHashMap<>();
    private String user;
    private Duration timeout = DEFAULT_TIMEOUT;
    private boolean stdin;
    private Consumer<String> onStdout;
    private Consumer<String> onStderr;
    private Duration requestTimeout;

    private Builder() {}

    /**
     * Sets the working directory; it must exist.
     *
     * @param cwd the directory, or null for the default
     * @return this builder
     */
    public Builder cwd(String cwd) {
      this.cwd = cwd;
      return this;
    }

    /**
     * Replaces the environment variables added for this command.
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
     * Adds one environment variable.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder putEnv(String name, String value) {
      Args.putChecked(envs, name, value, "envs", true);
      return this;
    }

    /**
     * Sets the user the command runs as, e.g. {@code root}.
     *
     * @param user the user, or null for the template's default
     * @return this builder
     */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /**
     * Sets the command's time limit (default 60 s); {@link Duration#ZERO} means none, for a command
     * that should outlive it (a server started in the background).
     *
     * @param timeout the limit, zero or positive
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Args.nonNegative(timeout, "timeout");
      return this;
    }

    /**
     * Keeps the command's stdin open for {@code sendStdin} (default false: stdin is empty).
     *
     * @param stdin whether to keep stdin open
     * @return this builder
     */
    public Builder stdin(boolean stdin) {
      this.stdin = stdin;
      return this;
    }

    /**
     * Sets a callback for stdout, called with whole characters, in order, on the one thread that
     * reads this command's output.
     *
     * @param onStdout the callback, or null
     * @return this builder
     */
    public Builder onStdout(Consumer<String> onStdout) {
      this.onStdout = onStdout;
      return this;
    }

    /**
     * Sets a callback for stderr, called like {@link #onStdout(Consumer)}.
     *
     * @param onStderr the callback, or null
     * @return this builder
     */
    public Builder onStderr(Consumer<String> onStderr) {
      this.onStderr = onStderr;
      return this;
    }

    /**
     * Sets the time allowed for each attempt to reach the daemon, overriding the client's.
     *
     * @param requestTimeout the timeout; zero means none
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Args.timeout(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public CommandOptions build() {
      return new CommandOptions(this);
    }
  }
}
