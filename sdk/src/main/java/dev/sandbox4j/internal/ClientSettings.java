package dev.sandbox4j.internal;

import dev.sandbox4j.errors.SandboxConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.HttpUrl;

/**
 * The resolved configuration of one client: every value decided once, at build time.
 *
 * <p>Each setting is taken from, in order: the builder, a system property ({@code
 * novita.apiKey}, ...), an environment variable ({@code NOVITA_API_KEY}, ...), the default. An
 * empty or blank value counts as unset at every level.
 */
public final class ClientSettings {
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

  private ClientSettings(
      HttpUrl apiUrl,
      String domain,
      String apiKey,
      String accessToken,
      boolean debug,
      Duration requestTimeout,
      Duration callTimeout,
      int maxRetries,
      Map<String, String> headers,
      HttpUrl sandboxUrl) {
    this.apiUrl = apiUrl;
    this.domain = domain;
    this.apiKey = apiKey;
    this.accessToken = accessToken;
    this.debug = debug;
    this.requestTimeout = requestTimeout;
    this.callTimeout = callTimeout;
    this.maxRetries = maxRetries;
    this.headers = headers;
    this.sandboxUrl = sandboxUrl;
  }

  /** The values a builder was given; null means "not given". */
  public static final class Explicit {
    public String apiKey;
    public String accessToken;
    public String domain;
    public String apiUrl;
    public Boolean debug;
    public Duration requestTimeout = Duration.ofSeconds(60);
    public Duration callTimeout;
    public int maxRetries = 2;
    public Map<String, String> headers = Map.of();
    public String sandboxUrl;
  }

  /**
   * Resolves the settings from explicit values, system properties and the environment.
   *
   * @throws SandboxConfigurationException when no credentials are configured or the API URL is
   *     not a valid http(s) URL
   */
  public static ClientSettings resolve(
      Explicit explicit,
      Function<String, String> systemProperties,
      Function<String, String> environment) {
    Sources sources = new Sources(systemProperties, environment);
    String apiKey = sources.pick(explicit.apiKey, "novita.apiKey", "NOVITA_API_KEY");
    String accessToken =
        sources.pick(explicit.accessToken, "novita.accessToken", "NOVITA_ACCESS_TOKEN");
    if (apiKey == null && accessToken == null) {
      throw new SandboxConfigurationException(
          "no credentials: set an API key with SandboxClient.builder().apiKey(..), the system"
              + " property novita.apiKey or the environment variable NOVITA_API_KEY (or an access"
              + " token with accessToken(..) / NOVITA_ACCESS_TOKEN)");
    }
    String domain = sources.pick(explicit.domain, "novita.domain", "NOVITA_DOMAIN");
    if (domain == null) {
      domain = DEFAULT_DOMAIN;
    }
    boolean debug;
    if (explicit.debug != null) {
      debug = explicit.debug;
    } else {
      debug = "true".equalsIgnoreCase(sources.pick(null, "novita.debug", "NOVITA_DEBUG"));
    }
    String apiUrl = sources.pick(explicit.apiUrl, "novita.apiUrl", "NOVITA_API_URL");
    if (apiUrl == null) {
      apiUrl = debug ? DEBUG_API_URL : "https://api." + domain;
    }
    String sandboxUrl =
        sources.pick(explicit.sandboxUrl, "novita.sandboxUrl", "NOVITA_SANDBOX_URL");
    checkCallOptions(explicit.maxRetries, explicit.requestTimeout, explicit.callTimeout);
    if (apiKey != null) {
      Args.headerValue("X-API-Key", apiKey, "apiKey");
    }
    if (accessToken != null) {
      Args.headerValue("Authorization", "Bearer " + accessToken, "accessToken");
    }
    for (Map.Entry<String, String> header : explicit.headers.entrySet()) {
      Args.headerValue(header.getKey(), header.getValue(), "header " + safeName(header.getKey()));
    }
    return new ClientSettings(
        parseApiUrl(apiUrl),
        domain.trim(),
        apiKey,
        accessToken,
        debug,
        explicit.requestTimeout,
        zeroAsNone(explicit.callTimeout),
        explicit.maxRetries,
        Map.copyOf(explicit.headers),
        sandboxUrl == null ? null : parseUrl(sandboxUrl, "sandboxUrl"));
  }

  /** A header name fit for a message: a name is not secret, but it may be unprintable. */
  private static String safeName(String name) {
    return name.matches("[!-~]{1,64}") ? name : "(unprintable name)";
  }

  /**
   * Parses an API URL. Like the official SDK, a URL without a scheme gets {@code https://}.
   */
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

  /**
   * Returns the API's base URL without a trailing slash, as the generated client expects it.
   */
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
  public Redactor redactor() {
    return new Redactor(apiKey, accessToken);
  }

  /** Returns the same settings with other retry and timeout values (for per-call options). */
  public ClientSettings withCallOptions(
      int maxRetries, Duration requestTimeout, Duration callTimeout) {
    checkCallOptions(maxRetries, requestTimeout, callTimeout);
    return new ClientSettings(
        apiUrl,
        domain,
        apiKey,
        accessToken,
        debug,
        requestTimeout,
        zeroAsNone(callTimeout),
        maxRetries,
        headers,
        sandboxUrl);
  }

  /** Checks the retry and timeout values, wherever they come from (builder or withOptions). */
  private static void checkCallOptions(
      int maxRetries, Duration requestTimeout, Duration callTimeout) {
    if (maxRetries < 0) {
      throw new SandboxConfigurationException("maxRetries must not be negative, got " + maxRetries);
    }
    Args.timeout(requestTimeout, "requestTimeout");
    if (callTimeout != null) {
      Args.timeout(callTimeout, "callTimeout");
    }
  }

  /** A zero whole-call timeout means none. */
  private static Duration zeroAsNone(Duration callTimeout) {
    return callTimeout == null || callTimeout.isZero() ? null : callTimeout;
  }

  @Override
  public String toString() {
    return "ClientSettings{apiUrl="
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
