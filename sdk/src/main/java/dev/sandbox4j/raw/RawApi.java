package dev.sandbox4j.raw;

import dev.sandbox4j.generated.ApiClient;
import dev.sandbox4j.generated.api.SandboxesApi;
import okhttp3.OkHttpClient;

/**
 * Gives access to the generated low-level client for calls the SDK does not cover, already wired to
 * the SDK client's HTTP stack: base URL, credentials, identity headers, timeouts and the SDK's
 * retry rules (a create is retried only when the server surely did not act).
 *
 * <p>The generated types follow the OpenAPI document and are not part of sandbox4j's stable API.
 * Generated calls throw the generated {@code ApiException}, not sandbox4j's exceptions. Retries of
 * raw calls wait on the calling thread (an OkHttp dispatcher thread for the generated {@code
 * ...Async} methods) and are bounded by the retry budget, not by a whole-call timeout. Each {@code
 * raw()} call returns a fresh {@link ApiClient}, so changing it (base path, headers) affects
 * nothing else.
 */
public final class RawApi {
  private final ApiClient apiClient;
  private final SandboxesApi sandboxes;

  /**
   * Wraps a configured generated client; obtain instances from {@code SandboxClient.raw()}.
   *
   * @param apiClient the generated client, already configured
   */
  public RawApi(ApiClient apiClient) {
    this.apiClient = apiClient;
    this.sandboxes = new SandboxesApi(apiClient);
  }

  /**
   * Returns the generated API of the sandbox endpoints.
   *
   * @return the generated {@code SandboxesApi}
   */
  public SandboxesApi sandboxes() {
    return sandboxes;
  }

  /**
   * Returns the generated client the API calls go through.
   *
   * @return the generated {@code ApiClient}
   */
  public ApiClient apiClient() {
    return apiClient;
  }

  /**
   * Returns the OkHttpClient with sandbox4j's interceptors, for hand-made requests.
   *
   * @return the HTTP client
   */
  public OkHttpClient httpClient() {
    return apiClient.getHttpClient();
  }
}
