package dev.sandbox4j.local;

import dev.sandbox4j.local.internal.Emulator;
import dev.sandbox4j.local.internal.LoopbackHttpServer;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs an emulator of the Novita Sandbox control-plane API on {@code 127.0.0.1}, in this JVM.
 *
 * <p>It answers the seven operations of the OpenAPI document with the real server's semantics:
 * credentials (401), lifetimes that end (the sandbox is killed, or paused with autoPause),
 * connect that resumes or only extends, pause (409 when already paused), kill (404 when gone),
 * and a paged, filtered list with a stable {@code X-Next-Token} cursor. Sandboxes are records, not
 * machines: nothing runs inside them.
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
    this.emulator = new Emulator(config.apiKey, Optional.ofNullable(config.accessToken), config.clock);
    this.http = LoopbackHttpServer.start(emulator, config.port);
  }

  /**
   * Starts a server on a free loopback port with the default key and the real clock.
   *
   * @throws java.io.UncheckedIOException if no port can be bound
   */
  public static LocalSandboxServer start() {
    return builder().build().start();
  }

  /** Returns a builder for a server configuration; {@code build().start()} runs it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the base URL of the API, such as {@code http://127.0.0.1:3000}, without a trailing slash. */
  public String apiUrl() {
    return "http://" + LoopbackHttpServer.LOOPBACK + ":" + port();
  }

  /** Returns the port the server listens on. */
  public int port() {
    return http.port();
  }

  /** Returns the API key clients must send in {@code X-API-Key}. */
  public String apiKey() {
    return config.apiKey;
  }

  /** Returns the access token accepted as {@code Authorization: Bearer <token>}, if one is configured. */
  public Optional<String> accessToken() {
    return Optional.ofNullable(config.accessToken);
  }

  /** Returns the test hooks: seed, reset, clock, faults and the request log. */
  public LocalServerAdmin admin() {
    return emulator;
  }

  /** Stops the server, closes its connections and ends its threads. Idempotent. */
  @Override
  public void close() {
    http.close();
  }

  /** Describes the server by its URL; never shows credentials. */
  @Override
  public String toString() {
    return "LocalSandboxServer{" + apiUrl() + "}";
  }

  /** Collects a server configuration. Not thread-safe; {@link #build()} copies what it holds. */
  public static final class Builder {

    private int port;
    private String apiKey = DEFAULT_API_KEY;
    private String accessToken;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Sets the port on 127.0.0.1 (default 0: a free port picked at start). */
    public Builder port(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, got " + value);
      }
      this.port = value;
      return this;
    }

    /** Sets the API key clients must send (default {@link LocalSandboxServer#DEFAULT_API_KEY}). */
    public Builder apiKey(String value) {
      Objects.requireNonNull(value, "value");
      if (value.isEmpty()) {
        throw new IllegalArgumentException("apiKey must not be empty");
      }
      this.apiKey = value;
      return this;
    }

    /** Also accepts {@code Authorization: Bearer <value>} as credentials (default: not accepted). */
    public Builder accessToken(String value) {
      Objects.requireNonNull(value, "value");
      if (value.isEmpty()) {
        throw new IllegalArgumentException("accessToken must not be empty");
      }
      this.accessToken = value;
      return this;
    }

    /**
     * Sets the base clock (default: real UTC time). The test hooks' clock advances are added on
     * top of it.
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Returns the immutable configuration; call {@link Config#start()} on it to run a server. */
    public Config build() {
      return new Config(this);
    }
  }

  /** An immutable server configuration; each {@link #start()} runs a new, empty server. */
  public static final class Config {

    private final int port;
    private final String apiKey;
    private final String accessToken;
    private final Clock clock;

    private Config(Builder builder) {
      this.port = builder.port;
      this.apiKey = builder.apiKey;
      this.accessToken = builder.accessToken;
      this.clock = builder.clock;
    }

    /**
     * Starts a server with this configuration.
     *
     * @throws java.io.UncheckedIOException if the port cannot be bound
     */
    public LocalSandboxServer start() {
      return new LocalSandboxServer(this);
    }

    /** Returns the configured port; 0 means a free port is picked at start. */
    public int port() {
      return port;
    }

    /** Returns the API key the server will accept. */
    public String apiKey() {
      return apiKey;
    }

    /** Returns the access token the server will accept, if any. */
    public Optional<String> accessToken() {
      return Optional.ofNullable(accessToken);
    }

    /** Returns the base clock. */
    public Clock clock() {
      return clock;
    }

    /** Describes the configuration; never shows credentials. */
    @Override
    public String toString() {
      return "LocalSandboxServer.Config{port=" + port + ", clock=" + clock + "}";
    }
  }
}
