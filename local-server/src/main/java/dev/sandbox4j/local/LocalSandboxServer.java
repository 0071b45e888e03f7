package dev.sandbox4j.local;

import dev.sandbox4j.local.internal.Emulator;
import dev.sandbox4j.local.internal.LoopbackHttpServer;
import dev.sandbox4j.local.internal.TemplateCatalog;
import dev.sandbox4j.local.internal.runtime.RuntimeOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a local Novita Sandbox server on {@code 127.0.0.1}, in this JVM: the control-plane API and
 * each sandbox's data plane (envd: commands, files, watches) with real processes on this machine.
 *
 * <p>The control plane answers the seven operations of the OpenAPI document with the real server's
 * semantics: credentials (401), lifetimes that end (the sandbox is killed, or paused with
 * autoPause), connect that resumes or only extends, pause (409 when already paused), kill (404 when
 * gone), and a paged, filtered list with a stable {@code X-Next-Token} cursor. The data plane is
 * served on the same port ({@link #sandboxUrl()}), routed by the {@code Novita-Sandbox-Id} header:
 * each sandbox gets a directory, and its commands run there, under bubblewrap when it is installed
 * ({@link Isolation}). Pausing a sandbox stops its processes, killing it (or the end of its
 * lifetime) ends them and deletes its files, and {@link #close()} leaves nothing behind.
 *
 * <pre>{@code
 * try (LocalSandboxServer server = LocalSandboxServer.start()) {
 *   String url = server.apiUrl();   // e.g. http://127.0.0.1:53124
 *   String key = server.apiKey();   // DEFAULT_API_KEY
 *   server.admin().seed(SeedSpec.of(1_000));
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the server and ends its threads.
 */
public final class LocalSandboxServer implements AutoCloseable {

  /** The API key a server accepts unless another is configured. Not a secret. */
  public static final String DEFAULT_API_KEY = "sk_sandbox4j_local";

  private final Config config;
  private final Emulator emulator;
  private final LoopbackHttpServer http;

  private LocalSandboxServer(Config config) {
    this.config = config;
    this.emulator =
        new Emulator(
            config.apiKey,
            Optional.ofNullable(config.accessToken),
            config.clock,
            TemplateCatalog.of(config.templates),
            config.maxLifetime,
            new RuntimeOptions(
                config.isolation, config.diskQuotaBytes, RuntimeOptions.DEFAULT_MAX_PROCESSES));
    try {
      this.http = LoopbackHttpServer.start(emulator, config.host, config.port);
    } catch (RuntimeException e) {
      emulator.close();
      throw e;
    }
  }

  /**
   * Starts a server on a free loopback port with the default key and the real clock.
   *
   * @return the running server
   * @throws java.io.UncheckedIOException if no port can be bound
   */
  public static LocalSandboxServer start() {
    return builder().build().start();
  }

  /** {@return a builder for a server configuration; {@code build().start()} runs it} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the base URL of the API, such as {@code http://127.0.0.1:3000}, without a trailing
   * slash (on 127.0.0.1 when the server listens on every interface).
   *
   * @return the base URL of the API
   */
  public String apiUrl() {
    return "http://" + urlHost(config.host) + ":" + port();
  }

  /**
   * Returns the data plane's URL for every sandbox, the same as {@link #apiUrl()}: the official
   * SDKs take it as {@code NOVITA_SANDBOX_URL} (or the {@code sandboxUrl} option) and name the
   * sandbox in a header.
   *
   * @return the data plane's base URL
   */
  public String sandboxUrl() {
    return apiUrl();
  }

  /**
   * Returns the isolation sandboxes actually get ({@link Isolation#AUTO} resolved).
   *
   * @return the isolation in effect
   */
  public Isolation isolation() {
    return emulator.runtime().isolation();
  }

  /** The host of {@link #apiUrl()}: a wildcard address is reached through loopback. */
  static String urlHost(String host) {
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      return LoopbackHttpServer.LOOPBACK;
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** {@return the port the server listens on} */
  public int port() {
    return http.port();
  }

  /** {@return the API key clients must send in {@code X-API-Key}} */
  public String apiKey() {
    return config.apiKey;
  }

  /**
   * {@return the access token accepted as {@code Authorization: Bearer <token>}, if one is
   * configured}
   */
  public Optional<String> accessToken() {
    return Optional.ofNullable(config.accessToken);
  }

  /** {@return the test hooks: seed, reset, clock, faults and the request log} */
  public LocalServerAdmin admin() {
    return emulator;
  }

  /**
   * Stops the server, closes its connections, ends its threads and every sandbox's processes, and
   * deletes the sandboxes' files. Idempotent.
   */
  @Override
  public void close() {
    http.close();
    emulator.close();
  }

  /** Describes the server by its URL; never shows credentials. */
  @Override
  public String toString() {
    return "LocalSandboxServer{" + apiUrl() + "}";
  }

  /** Collects a server configuration. Not thread-safe; {@link #build()} copies what it holds. */
  public static final class Builder {

    private String host = LoopbackHttpServer.LOOPBACK;
    private int port;
    private String apiKey = DEFAULT_API_KEY;
    private String accessToken;
    private Clock clock = Clock.systemUTC();
    private Isolation isolation = Isolation.AUTO;
    private long diskQuotaBytes = RuntimeOptions.DEFAULT_DISK_QUOTA_BYTES;
    private List<String> templates = TemplateCatalog.DEFAULT_ALIASES;
    private Duration maxLifetime = Duration.ofHours(24);

    private Builder() {}

    /**
     * Sets how commands in sandboxes are confined (default {@link Isolation#AUTO}: bubblewrap when
     * it works here, else none, with a warning). With {@link Isolation#BWRAP}, {@code start()}
     * fails with an {@link IllegalStateException} where bubblewrap does not work.
     *
     * @param value the isolation mode
     * @return this builder
     */
    public Builder isolation(Isolation value) {
      this.isolation = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the most bytes one sandbox's files may take before uploads are refused with 507 (default
     * 1 GiB). Commands are not stopped at the quota; uploads count what they wrote.
     *
     * @param value the quota in bytes, positive
     * @return this builder
     */
    public Builder diskQuotaBytes(long value) {
      if (value <= 0) {
        throw new IllegalArgumentException("diskQuotaBytes must be positive, got " + value);
      }
      this.diskQuotaBytes = value;
      return this;
    }

    /**
     * Sets the address to listen on (default {@code 127.0.0.1}, unreachable from other machines).
     * {@code 0.0.0.0} serves clients in containers or on other hosts: only on a trusted network.
     *
     * @param value a host name or IP address, not blank
     * @return this builder
     */
    public Builder host(String value) {
      Objects.requireNonNull(value, "value");
      if (value.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = value;
      return this;
    }

    /**
     * Sets the port (default 0: a free port picked at start).
     *
     * @param value the port, 0 to 65535
     * @return this builder
     */
    public Builder port(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, got " + value);
      }
      this.port = value;
      return this;
    }

    /**
     * Sets the API key clients must send (default {@link LocalSandboxServer#DEFAULT_API_KEY}).
     *
     * @param value the key, not empty
     * @return this builder
     */
    public Builder apiKey(String value) {
      Objects.requireNonNull(value, "value");
      if (value.isEmpty()) {
        throw new IllegalArgumentException("apiKey must not be empty");
      }
      this.apiKey = value;
      return this;
    }

    /**
     * Also accepts {@code Authorization: Bearer <value>} as credentials (default: not accepted).
     *
     * @param value the token, not empty
     * @return this builder
     */
    public Builder accessToken(String value) {
      Objects.requireNonNull(value, "value");
      if (value.isEmpty()) {
        throw new IllegalArgumentException("accessToken must not be empty");
      }
      this.accessToken = value;
      return this;
    }

    /**
     * Sets the base clock (default: real UTC time). The test hooks' clock advances are added on top
     * of it.
     *
     * @param value the base clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the templates a create may name, by alias (default {@code base} and {@code
     * code-interpreter-v1}). Each gets a stable opaque ID; a create answers with that ID in {@code
     * templateID} and the alias in {@code alias}, and names any other template with a 404.
     *
     * @param aliases the template aliases, at least one
     * @return this builder
     */
    public Builder templates(Collection<String> aliases) {
      Objects.requireNonNull(aliases, "aliases");
      if (aliases.isEmpty()) {
        throw new IllegalArgumentException("templates must name at least one template");
      }
      for (String alias : aliases) {
        if (alias == null || alias.isBlank()) {
          throw new IllegalArgumentException("a template alias must not be null or blank");
        }
      }
      this.templates = List.copyOf(new LinkedHashSet<>(aliases));
      return this;
    }

    /**
     * Sets the longest lifetime a sandbox may have (default 24 h, the real plans' limit): a create
     * asking for more is a 400, a set-timeout or connect asking for more gets this much.
     *
     * @param value the longest lifetime, at least 1 s
     * @return this builder
     */
    public Builder maxLifetime(Duration value) {
      Objects.requireNonNull(value, "value");
      if (value.compareTo(Duration.ofSeconds(1)) < 0 || value.toSeconds() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "maxLifetime must be between 1 s and 2^31-1 s, got " + value);
      }
      this.maxLifetime = Duration.ofSeconds(value.toSeconds());
      return this;
    }

    /** {@return the immutable configuration; call {@link Config#start()} on it to run a server} */
    public Config build() {
      return new Config(this);
    }
  }

  /** An immutable server configuration; each {@link #start()} runs a new, empty server. */
  public static final class Config {

    private final String host;
    private final int port;
    private final String apiKey;
    private final String accessToken;
    private final Clock clock;
    private final Isolation isolation;
    private final long diskQuotaBytes;
    private final List<String> templates;
    private final Duration maxLifetime;

    private Config(Builder builder) {
      this.maxLifetime = builder.maxLifetime;
      this.templates = builder.templates;
      this.host = builder.host;
      this.port = builder.port;
      this.apiKey = builder.apiKey;
      this.accessToken = builder.accessToken;
      this.clock = builder.clock;
      this.isolation = builder.isolation;
      this.diskQuotaBytes = builder.diskQuotaBytes;
    }

    /** {@return the requested isolation of sandbox commands} */
    public Isolation isolation() {
      return isolation;
    }

    /** {@return each sandbox's disk quota in bytes} */
    public long diskQuotaBytes() {
      return diskQuotaBytes;
    }

    /**
     * Starts a server with this configuration.
     *
     * @return the running server
     * @throws java.io.UncheckedIOException if the port cannot be bound
     * @throws IllegalStateException if {@link Isolation#BWRAP} was asked for and bubblewrap does
     *     not work here
     */
    public LocalSandboxServer start() {
      return new LocalSandboxServer(this);
    }

    /** {@return the address the server listens on} */
    public String host() {
      return host;
    }

    /** {@return the configured port; 0 means a free port is picked at start} */
    public int port() {
      return port;
    }

    /** {@return the API key the server will accept} */
    public String apiKey() {
      return apiKey;
    }

    /** {@return the access token the server will accept, if any} */
    public Optional<String> accessToken() {
      return Optional.ofNullable(accessToken);
    }

    /** {@return the base clock} */
    public Clock clock() {
      return clock;
    }

    /** {@return the longest lifetime a sandbox may have} */
    public Duration maxLifetime() {
      return maxLifetime;
    }

    /** {@return the template aliases a create may name} */
    public List<String> templates() {
      return templates;
    }

    /** Describes the configuration; never shows credentials. */
    @Override
    public String toString() {
      return "LocalSandboxServer.Config{host="
          + host
          + ", port="
          + port
          + ", clock="
          + clock
          + ", isolation="
          + isolation
          + ", diskQuotaBytes="
          + diskQuotaBytes
          + "}";
    }
  }
}
