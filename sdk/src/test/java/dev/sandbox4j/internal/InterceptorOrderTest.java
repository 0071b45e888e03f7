package dev.sandbox4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.SandboxListQuery;
import dev.sandbox4j.generated.ApiClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries do not depend on the order of the application interceptors: for every permutation of the
 * SDK's interceptors (and, for raw requests, of the retry interceptor among them), OkHttp never
 * resends on its own, the retry engine honours {@code Retry-After}, and a raw caller sees the
 * header under its own name.
 */
class InterceptorOrderTest {
  private final MockWebServer server = new MockWebServer();
  private final List<Duration> sleeps = new ArrayList<>();

  /** Shared by every stack, so that the permutations reuse connections. */
  private final OkHttpClient pool = new OkHttpClient();

  private ClientOptions options;
  private RetryingCaller caller;

  @BeforeEach
  void start() throws Exception {
    server.start();
    options = ClientOptions.builder().apiUrl(server.url("/").toString()).apiKey("sk_order").build();
    caller =
        new RetryingCaller(
            new RetryPolicy(new RetryAfter(Clock.systemUTC()), () -> 0.0, Clock.systemUTC()),
            new ExceptionMapper(options.redactor(), new RetryAfter(Clock.systemUTC())),
            sleeps::add,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
    pool.dispatcher().executorService().shutdown();
    pool.connectionPool().evictAll();
  }

  private static <T> List<List<T>> permutations(List<T> items) {
    if (items.isEmpty()) {
      return List.of(List.of());
    }
    List<List<T>> result = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<T> rest = new ArrayList<>(items);
      T first = rest.remove(i);
      for (List<T> tail : permutations(rest)) {
        List<T> permutation = new ArrayList<>();
        permutation.add(first);
        permutation.addAll(tail);
        result.add(permutation);
      }
    }
    return result;
  }

  private void enqueue(int code, String retryAfter, String body) {
    MockResponse.Builder response =
        new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json");
    if (retryAfter != null) {
      response.setHeader("Retry-After", retryAfter);
    }
    server.enqueue(response.body(body).build());
  }

  @Test
  void sdkCallsHonourRetryAfterWhateverTheInterceptorOrder() throws Exception {
    List<List<Interceptor>> orders = permutations(HttpStack.applicationInterceptors(options));
    assertThat(orders).hasSize(24);
    for (List<Interceptor> order : orders) {
      OkHttpClient http = HttpStack.build(options, pool, order);
      ApiClient apiClient = new ApiClient(http);
      apiClient.setBasePath(options.basePath());
      ClientOptions oneRetry = options.toBuilder().maxRetries(1).build();
      SandboxCalls calls =
          new SandboxCalls(
              apiClient, new ClientRuntime(caller, AsyncExecutor.owned(), http), oneRetry);
      sleeps.clear();
      int before = server.getRequestCount();
      enqueue(503, "0", "{}");
      enqueue(200, null, "[]");
      assertThat(calls.list(SandboxListQuery.all(), null).items()).as("order %s", order).isEmpty();
      assertThat(server.getRequestCount() - before).as("order %s", order).isEqualTo(2);
      assertThat(sleeps).as("order %s", order).containsExactly(Duration.ZERO);
    }
  }

  @Test
  void rawRequestsHonourRetryAfterWhateverTheInterceptorOrder() throws Exception {
    ClientOptions oneRetry = options.toBuilder().maxRetries(1).build();
    Interceptor retries = caller.rawInterceptor(oneRetry, () -> false);
    // The raw retry interceptor at every position of every other order: 5 x 24 would repeat
    // itself, so each position meets the SDK's interceptors in a different order.
    List<List<Interceptor>> others = permutations(HttpStack.applicationInterceptors(options));
    List<List<Interceptor>> orders = new ArrayList<>();
    for (int i = 0; i < others.size(); i++) {
      List<Interceptor> order = new ArrayList<>(others.get(i));
      order.add(i % 5, retries);
      orders.add(order);
    }
    for (List<Interceptor> order : orders) {
      OkHttpClient http = HttpStack.build(options, pool, order);
      sleeps.clear();
      int before = server.getRequestCount();
      enqueue(503, "0", "{}");
      enqueue(200, null, "[]");
      try (Response response = http.newCall(list()).execute()) {
        assertThat(response.code()).as("order %s", order).isEqualTo(200);
      }
      assertThat(sleeps).as("order %s", order).containsExactly(Duration.ZERO);
      // A create is not retried after a 503 with Retry-After: 0 by OkHttp either, and the
      // caller sees the header the server sent.
      enqueue(503, "0", "{}");
      enqueue(429, "3600", "{}");
      try (Response response = http.newCall(create()).execute()) {
        assertThat(response.code()).as("order %s", order).isEqualTo(429);
        assertThat(response.header("Retry-After")).as("order %s", order).isEqualTo("3600");
        assertThat(response.header(RetryAfter.SHIELDED)).as("order %s", order).isNull();
      }
      assertThat(server.getRequestCount() - before).as("order %s", order).isEqualTo(4);
      assertThat(sleeps).as("order %s", order).containsExactly(Duration.ZERO, Duration.ZERO);
    }
  }

  private Request list() {
    return new Request.Builder().url(server.url("/v2/sandboxes")).build();
  }

  private Request create() {
    return new Request.Builder()
        .url(server.url("/v2/sandboxes"))
        .post(RequestBody.create("{}", MediaType.get("application/json")))
        .build();
  }
}
