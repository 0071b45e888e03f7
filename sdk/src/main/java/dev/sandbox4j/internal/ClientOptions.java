package dev.sandbox4j.internal;

import dev.sandbox4j.errors.SandboxConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.HttpUrl;

/**
 * The one options value of a client: every setting resolved and checked once, immutable. {@code
 * SandboxClient.Builder} and {@code withOptions} both fill a {@link Builder}; a view derives its
 * options from its parent's with {@link #toBuilder()}, so the same checks apply to every value
 * wherever it comes from.
 *
 * <p>Each setting is taken from, in order: the builder, a system property ({@code novita.apiKey},
 * ...), an environment variable ({@code NOVITA_API_KEY}, ...), the default. An empty or blank value
 * counts as unset at every level.
 */
public final class ClientOptions {
  /** The domain used when none is configured. */
  public static final String DEFAULT_DOMAIN = "us-phx-1.sandbox.novita.ai";

  /** The API URL used in debug mode when none is configured: where a local server listens. */
  public static final String DEBUG_API_URL = "http://localhost:3000";

  private final HttpUrl apiUrl;
  private final String domain;
  private final String apiKey;
  private final String accessToken;
  private final boolean debug;
  private final Duration requestTimeout;
  private final Duration callTimeout;
  private final int maxRetries;
  private final Map<String, String> headers;
  private final HttpUrl sandboxUrl;

  /** Takes the resolved values, and the retry and timeout values from the checked builder. */
  private ClientOptions(
      HttpUrl apiUrl,
      String domain,
      String apiKey,
      String accessToken,
      boolean debug,
      HttpUrl sandboxUrl,
      Builder checked) {
    this.apiUrl = apiUrl;
    this.domain = domain;
    this.apiKey = apiKey;
    this.accessToken = accessToken;
    this.debug = debug;
    this.requestTimeout = checked.requestTimeout;
    this.callTimeout = zeroAsNone(checked.callTimeout);
    this.maxRetries = checked.maxRetries;
    this.headers = Map.copyOf(checked.headers);
    this.sandboxUrl = sandboxUrl;
  }

  /** Returns an empty builder: nothing given, defaults for retries and timeouts. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options, every value as if given explicitly. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.apiKey = apiKey;
    builder.accessToken = accessToken;
    builder.domain = domain;
    builder.apiUrl = apiUrl.toString();
    builder.debug = debug;
    builder.requestTimeout = requestTimeout;
    builder.callTimeout = callTimeout;
    builder.maxRetries = maxRetries;
    builder.headers = headers;
    builder.sandboxUrl = sandboxUrl == null ? null : sandboxUrl.toString();
    return builder;
  }

  /** The values given for a client; null means "not given". Not thread-safe. */
  public static final class Builder {
    private String apiKey;
    private String accessToken;
    private String domain;
    private String apiUrl;
    private Boolean debug;
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Duration callTimeout;
    private int maxRetries = 2;
    private Map<String, String> headers = Map.of();
    private String sandboxUrl;

    private Builder() {}

    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder accessToken(String accessToken) {
      this.accessToken = accessToken;
      return this;
    }

    public Builder domain(String domain) {
      this.domain = domain;
      return this;
    }

    public Builder apiUrl(String apiUrl) {
      this.apiUrl = apiUrl;
      return this;
    }

    public Builder debug(boolean debug) {
      this.debug = debug;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    public Builder sandboxUrl(String sandboxUrl) {
      this.sandboxUrl = sandboxUrl;
      return this;
    }

    /** Sets the extra headers, already checked as a map by the caller. */
    public Builder headers(Map<String, String> headers) {
      this.headers = headers;
      return this;
    }

    /** Builds options from the given values only, as a {@code withOptions} view does. */
    public ClientOptions build() {
      return resolve(name -> null, name -> null);
    }

    /**
     * Resolves the options from the given values, then system properties, then the environment.
     *
     * @throws SandboxConfigurationException when no credentials are configured, the API URL is not
     *     a valid http(s) URL, or a value is out of range
     */
    public ClientOptions resolve(
        Function<String, String> systemProperties, Function<String, String> environment) {
      Sources sources = new Sources(systemProperties, environment);
      String key = sources.pick(apiKey, "novita.apiKey", "NOVITA_API_KEY");
      String token = sources.pick(accessToken, "novita.accessToken", "NOVITA_ACCESS_TOKEN");
      if (key == null && token == null) {
        throw new SandboxConfigurationException(
            "no credentials: set an API key with SandboxClient.builder().apiKey(..), the system"
                + " property novita.apiKey or the environment variable NOVITA_API_KEY (or an"
                + " access token with accessToken(..) / NOVITA_ACCESS_TOKEN)");
      }
      String resolvedDomain = sources.pick(domain, "novita.domain", "NOVITA_DOMAIN");
      if (resolvedDomain == null) {
        resolvedDomain = DEFAULT_DOMAIN;
      }
      boolean resolvedDebug =
          debug != null
              ? debug
              : "true".equalsIgnoreCase(sources.pick(null, "novita.debug", "NOVITA_DEBUG"));
      String url = sources.pick(apiUrl, "novita.apiUrl", "NOVITA_API_URL");
      if (url == null) {
        url = resolvedDebug ? DEBUG_API_URL : "https://api." + resolvedDomain;
      }
      String sandbox = sources.pick(sandboxUrl, "novita.sandboxUrl", "NOVITA_SANDBOX_URL");
      if (maxRetries < 0) {
        throw new SandboxConfigurationException(
            "maxRetries must not be negative, got " + maxRetries);
      }
      Args.timeout(requestTimeout, "requestTimeout");
      if (callTimeout != null) {
        Args.timeout(callTimeout, "callTimeout");
      }
      if (key != null) {
        Args.headerValue("X-API-Key", key, "apiKey");
      }
      if (token != null) {
        Args.headerValue("Authorization", "Bearer " + token, "accessToken");
      }
      for (Map.Entry<String, String> header : headers.entrySet()) {
        Args.headerValue(header.getKey(), header.getValue(), "header " + safeName(header.getKey()));
      }
      return new ClientOptions(
          parseApiUrl(url),
          resolvedDomain.trim(),
          key,
          token,
          resolvedDebug,
          sandbox == null ? null : parseUrl(sandbox, "sandboxUrl"),
          this);
    }
  }

  /** A header name fit for a message: a name is not secret, but it may be unprintable. */
  private static String safeName(String name) {
    return name.matches("[!-~]{1,64}") ? name : "(unprintable name)";
  }

  /** Parses an API URL. Like the official SDK, a URL without a scheme gets {@code https://}. */
  static HttpUrl parseApiUrl(String raw) {
    return parseUrl(raw, "apiUrl");
  }

  private static HttpUrl parseUrl(String raw, String name) {
    String candidate = raw.trim();
    if (!candidate.contains("://")) {
      candidate = "https://" + candidate;
    }
    HttpUrl url = HttpUrl.parse(candidate);
    if (url == null || url.query() != null || url.fragment() != null) {
      throw new SandboxConfigurationException(
          name + " is not a valid http(s) URL without query or fragment: \"" + raw + "\"");
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      // Never echoed: the part before '@' may be a password.
      throw new SandboxConfigurationException(
          name + " must not contain a user name or password; use apiKey or accessToken");
    }
    return url;
  }

  /** Looks a setting up in the builder, the system properties and the environment, in order. */
  private static final class Sources {
    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;

    Sources(Function<String, String> systemProperties, Function<String, String> environment) {
      this.systemProperties = systemProperties;
      this.environment = environment;
    }

    String pick(String explicit, String property, String variable) {
      for (String value :
          new String[] {explicit, systemProperties.apply(property), environment.apply(variable)}) {
        if (value != null && !value.isBlank()) {
          return value.trim();
        }
      }
      return null;
    }
  }

  /** Returns the API's base URL without a trailing slash, as the generated client expects it. */
  public String basePath() {
    String url = apiUrl.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public HttpUrl apiUrl() {
    return apiUrl;
  }

  public String domain() {
    return domain;
  }

  public Optional<String> apiKey() {
    return Optional.ofNullable(apiKey);
  }

  public Optional<String> accessToken() {
    return Optional.ofNullable(accessToken);
  }

  public boolean debug() {
    return debug;
  }

  /** Per-attempt timeout; zero means none. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Whole-call timeout across retries and their waits, if one is set. */
  public Optional<Duration> callTimeout() {
    return Optional.ofNullable(callTimeout);
  }

  public int maxRetries() {
    return maxRetries;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /**
   * The one base URL for every sandbox's daemon and code interpreter, routed by the {@code
   * Novita-Sandbox-Id} / {@code Novita-Sandbox-Port} headers, if one is configured.
   */
  public Optional<HttpUrl> sandboxUrl() {
    return Optional.ofNullable(sandboxUrl);
  }

  /** Returns a redactor that masks this client's credentials. */
  Redactor redactor() {
    return new Redactor(apiKey, accessToken);
  }

  /** A zero whole-call timeout means none. */
  private static Duration zeroAsNone(Duration callTimeout) {
    return callTimeout == null || callTimeout.isZero() ? null : callTimeout;
  }

  @Override
  public String toString() {
    return "ClientOptions{apiUrl="
        + apiUrl
        + ", domain="
        + domain
        + ", apiKey="
        + (apiKey == null ? "unset" : "[redacted]")
        + ", accessToken="
        + (accessToken == null ? "unset" : "[redacted]")
        + ", debug="
        + debug
        + ", requestTimeout="
        + requestTimeout
        + ", callTimeout="
        + callTimeout
        + ", maxRetries="
        + maxRetries
        + ", headers="
        + headers.keySet()
        + (sandboxUrl == null ? "" : ", sandboxUrl=" + sandboxUrl)
        + "}";
  }
}
