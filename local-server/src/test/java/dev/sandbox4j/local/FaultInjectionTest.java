package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalSandboxServerExtension.class)
class FaultInjectionTest extends LocalServerTest {

  private static final String CREATE_BODY = "{\"templateID\":\"base\",\"timeout\":60}";

  @Test
  void aRespondingFaultAnswersWithItsStatusAndRetryAfterWithoutActing() {
    server.admin().injectFault(Fault.on("POST", "/sandboxes").respond(503).retryAfter("2").build());

    TestHttp.Reply reply = http.post("/sandboxes", CREATE_BODY);

    reply.assertError(503);
    assertThat(reply.header("Retry-After")).contains("2");
    assertThat(server.admin().sandboxCount()).isZero();
    assertThat(server.admin().pendingFaultUses()).isZero();
    assertThat(http.post("/sandboxes", CREATE_BODY).status())
        .as("the fault is used up")
        .isEqualTo(201);
  }

  @Test
  void aFaultAffectsExactlyTimesMatchingRequestsAndNothingElse() {
    server
        .admin()
        .injectFault(
            Fault.on("get", "/v2/sandboxes")
                .times(2)
                .respond(429)
                .body("{\"code\":429,\"message\":\"slow down\"}")
                .build());

    assertThat(http.post("/sandboxes", CREATE_BODY).status()).as("other method").isEqualTo(201);
    assertThat(http.get("/_local/health").status())
        .as("test hooks are never faulted")
        .isEqualTo(200);
    assertThat(server.admin().pendingFaultUses()).isEqualTo(2);
    assertThat(http.get("/v2/sandboxes").assertError(429).message()).isEqualTo("slow down");
    assertThat(http.get("/v2/sandboxes?limit=5").assertError(429).message())
        .as("the query does not matter")
        .isEqualTo("slow down");
    assertThat(http.get("/v2/sandboxes").status()).isEqualTo(200);
  }

  @Test
  void pathPatternsAreRegularExpressionsOverTheRawPath() {
    String id = http.create();
    server
        .admin()
        .injectFault(
            Fault.on(Fault.ANY_METHOD, "/sandboxes/[a-z0-9]+/(pause|timeout)")
                .times(3)
                .respond(500)
                .build());

    http.get("/sandboxes/" + id).object(); // not matched
    http.post("/sandboxes/" + id + "/pause", null).assertError(500);
    http.post("/sandboxes/" + id + "/timeout", "{\"timeout\":5}").assertError(500);
    http.post("/sandboxes/" + id + "/connect", "{\"timeout\":5}").object(); // not matched
    assertThat(server.admin().pendingFaultUses()).isEqualTo(1);

    server.admin().clearFaults();
    assertThat(server.admin().pendingFaultUses()).isZero();
    assertThat(http.post("/sandboxes/" + id + "/pause", null).status()).isEqualTo(204);
  }

  @Test
  void faultsApplyInTheOrderTheyWereArmed() {
    server.admin().injectFault(Fault.on("*", ".*").respond(502).build());
    server.admin().injectFault(Fault.on("*", ".*").respond(504).build());

    http.get("/v2/sandboxes").assertError(502);
    http.get("/v2/sandboxes").assertError(504);
    assertThat(http.get("/v2/sandboxes").status()).isEqualTo(200);
  }

  @Test
  void aDelayedRequestIsAnsweredNormallyButLate() {
    server
        .admin()
        .injectFault(Fault.on("POST", "/sandboxes").delay(Duration.ofMillis(400)).build());

    long start = System.nanoTime();
    TestHttp.Reply reply = http.post("/sandboxes", CREATE_BODY);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(reply.status()).isEqualTo(201);
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
    assertThat(server.admin().sandboxCount()).isEqualTo(1);
  }

  @Test
  void aDelayDoesNotHoldUpOtherRequests() throws Exception {
    server
        .admin()
        .injectFault(
            Fault.on("GET", "/sandboxes/.*").delay(Duration.ofSeconds(3)).respond(503).build());
    CompletableFuture<TestHttp.Reply> slow =
        CompletableFuture.supplyAsync(() -> http.get("/sandboxes/abc"));
    Thread.sleep(100);

    long start = System.nanoTime();
    assertThat(http.get("/v2/sandboxes").status()).isEqualTo(200);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
    slow.get(10, TimeUnit.SECONDS).assertError(503);
  }

  @Test
  void droppingBeforeActingClosesTheConnectionWithoutAResponseOrAChange() {
    server.admin().injectFault(Fault.on("POST", "/sandboxes").dropBeforeActing().build());

    String response =
        RawHttp.exchange(server.port(), "POST /sandboxes HTTP/1.1", keyHeader(), CREATE_BODY);

    assertThat(response).isEmpty();
    assertThat(server.admin().sandboxCount()).isZero();
    assertThat(server.admin().requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.dropped()).isTrue();
              assertThat(r.status()).isZero();
            });
  }

  @Test
  void droppingAfterActingPerformsTheOperationThenClosesWithoutAResponse() {
    server.admin().injectFault(Fault.on("POST", "/sandboxes").dropAfterActing().build());

    String response =
        RawHttp.exchange(server.port(), "POST /sandboxes HTTP/1.1", keyHeader(), CREATE_BODY);

    assertThat(response).isEmpty();
    assertThat(server.admin().sandboxCount()).as("the create took effect").isEqualTo(1);
    assertThat(http.get("/v2/sandboxes").sandboxIds()).hasSize(1);
    assertThat(server.admin().requests().get(0).dropped()).isTrue();
  }

  @Test
  void aDroppedConnectionSurfacesAsAnIoErrorInAnOrdinaryClient() {
    server.admin().injectFault(Fault.on("DELETE", ".*").dropBeforeActing().build());

    assertThatThrownBy(() -> http.delete("/sandboxes/abc"))
        .hasRootCauseInstanceOf(java.io.IOException.class);
  }

  @Test
  void aFaultCanDelayAndThenDrop() {
    server
        .admin()
        .injectFault(
            Fault.on("GET", "/v2/sandboxes")
                .delay(Duration.ofMillis(200))
                .dropBeforeActing()
                .build());

    long start = System.nanoTime();
    String response =
        RawHttp.exchange(server.port(), "GET /v2/sandboxes HTTP/1.1", keyHeader(), "");

    assertThat(response).isEmpty();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(200);
  }

  @Test
  void faultsComeBeforeAuthenticationLikeAFailingGateway() {
    server.admin().injectFault(Fault.on("GET", "/v2/sandboxes").respond(503).build());

    TestHttp.anonymous(server.apiUrl()).get("/v2/sandboxes").assertError(503);
  }

  @Test
  void closingTheServerDuringDelaysAndDropsLeaksNoThread() throws Exception {
    Set<String> otherServers = serverThreads();
    LocalSandboxServer local = LocalSandboxServer.start();
    TestHttp client = TestHttp.to(local);
    local.admin().injectFault(Fault.on("*", ".*").times(3).delay(Duration.ofSeconds(30)).build());
    List<CompletableFuture<Object>> stuck =
        List.of(1, 2, 3).stream()
            .map(
                i ->
                    CompletableFuture.supplyAsync(() -> (Object) client.get("/v2/sandboxes"))
                        .exceptionally(e -> e))
            .toList();
    Thread.sleep(300);
    Set<String> before = new java.util.HashSet<>(serverThreads());
    before.removeAll(otherServers);
    assertThat(before).as("the three delayed requests hold threads").hasSizeGreaterThanOrEqualTo(3);

    local.close();

    for (CompletableFuture<Object> request : stuck) {
      assertThat(request.get(10, TimeUnit.SECONDS))
          .as("the client sees a failure, not a hang")
          .isInstanceOf(Throwable.class);
    }
    Thread.sleep(100);
    assertThat(serverThreads()).doesNotContainAnyElementsOf(before);
    assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", local.port()).close())
        .isInstanceOf(SocketException.class);
  }

  @Test
  void invalidFaultsAreRejectedWhenBuilt() {
    assertThatThrownBy(() -> Fault.on("GET", "(").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.on("GET", ".*").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Fault.on("GET", ".*").respond(99))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.on("GET", ".*").times(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.on("GET", ".*").delay(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.on("GET", ".*").dropAfterActing().retryAfter("1").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Fault.on(" ", ".*")).isInstanceOf(IllegalArgumentException.class);
  }

  private String keyHeader() {
    return "X-API-Key: " + server.apiKey() + "\r\nContent-Type: application/json\r\n";
  }

  /** Names of this module's live request threads. */
  static Set<String> serverThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("sandbox4j-local-server-"))
        .collect(Collectors.toSet());
  }

  @Test
  void aCatastrophicallyBacktrackingPathPatternCannotHoldARequest() {
    server.admin().injectFault(Fault.on("GET", "/(.*a){12}").respond(503).build());
    String path = "/" + "a".repeat(38) + "b";

    long started = System.nanoTime();
    TestHttp.Reply reply = http.get(path);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(java.time.Duration.ofSeconds(5));
    assertThat(Fault.on("GET", "/(.*a){12}").respond(503).build().matches("GET", "/aaaaaaaaaaaa"))
        .isTrue();
  }
}
