package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.RateLimitException;
import dev.sandbox4j.errors.SandboxConnectionException;
import dev.sandbox4j.errors.SandboxException;
import dev.sandbox4j.errors.SandboxTimeoutException;
import dev.sandbox4j.errors.ServerException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The retry rules, with a recording sleeper: exact delays, exact attempt counts, no waiting. */
class RetryTest {
  private final MockApi api;

  RetryTest() throws Exception {
    api = new MockApi();
  }

  @AfterEach
  void close() {
    api.close();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body("{\"code\":" + code + ",\"message\":\"m\"}")
        .build();
  }

  private static MockResponse dropAfterRequest() {
    return new MockResponse.Builder()
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
        .build();
  }

  @Test
  void transientFailuresAreRetriedWithExponentialBackoffAndNeverSeenByTheCaller() throws Exception {
    api.enqueue(status(503));
    api.enqueue(status(502));
    api.enqueue(200, "[]");
    try (SandboxClient client = api.client(b -> b.maxRetries(3))) {
      assertThat(client.list().nextItems()).isEmpty();
    }
    assertThat(api.server.getRequestCount()).isEqualTo(3);
    assertThat(api.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void theFinalExceptionCountsEveryAttempt() {
    for (int i = 0; i < 4; i++) {
      api.enqueue(status(500));
    }
    try (SandboxClient client = api.client(b -> b.maxRetries(3))) {
      assertThatThrownBy(() -> client.getInfo("sbx1"))
          .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.attempts()).isEqualTo(4))
          .hasMessageContaining("after 4 attempts");
    }
    assertThat(api.sleeps)
        .containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000));
  }

  @Test
  void backoffIsCappedAtEightSecondsAndJitterOnlyShortensIt() {
    for (int i = 0; i < 7; i++) {
      api.enqueue(status(503));
    }
    try (SandboxClient client = api.client(b -> b.maxRetries(6).jitter(() -> 0.999))) {
      assertThatThrownBy(() -> client.kill("sbx1")).isInstanceOf(ServerException.class);
    }
    assertThat(api.sleeps).hasSize(6);
    long[] full = {500, 1000, 2000, 4000, 8000, 8000};
    for (int i = 0; i < full.length; i++) {
      assertThat(api.sleeps.get(i).toMillis()).isBetween((long) (full[i] * 0.75), full[i]);
    }
  }

  @Test
  void retryAfterSecondsIsHonouredExactly() throws Exception {
    api.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "2").build());
    api.enqueue(200, "[]");
    try (SandboxClient client = api.client(b -> b.maxRetries(2))) {
      client.list().nextItems();
    }
    assertThat(api.sleeps).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void retryAfterAsAnHttpDateIsMeasuredAgainstTheClock() throws Exception {
    Instant now = Instant.parse("2026-11-27T10:00:00Z");
    String in5s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(now.plusSeconds(5), ZoneOffset.UTC));
    api.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", in5s).build());
    api.enqueue(200, "[]");
    try (SandboxClient client =
        api.client(b -> b.maxRetries(1).clock(Clock.fixed(now, ZoneOffset.UTC)))) {
      client.list().nextItems();
    }
    assertThat(api.sleeps).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void aRetryAfterBeyondSixtySecondsSurfacesAsARateLimit() {
    api.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "31536000").build());
    try (SandboxClient client = api.client(b -> b.maxRetries(5))) {
      assertThatThrownBy(() -> client.list().nextItems())
          .isInstanceOfSatisfying(
              RateLimitException.class,
              e -> {
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(31_536_000));
                assertThat(e.attempts()).isEqualTo(1);
              });
    }
    assertThat(api.sleeps).isEmpty();
  }

  @Test
  void createIsNotRetriedWhenTheServerMayHaveActed() throws Exception {
    api.enqueue(status(500));
    api.enqueue(status(502));
    api.enqueue(status(504));
    try (SandboxClient client = api.client(b -> b.maxRetries(5))) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(client::create)
            .isInstanceOfSatisfying(
                ServerException.class, e -> assertThat(e.attempts()).isEqualTo(1));
      }
    }
    assertThat(api.server.getRequestCount()).isEqualTo(3);
    assertThat(api.sleeps).isEmpty();
  }

  @Test
  void createIsRetriedWhenTheServerSurelyDidNotAct() throws Exception {
    api.enqueue(status(429));
    api.enqueue(status(503));
    api.enqueue(201, MockApi.CREATED);
    try (SandboxClient client = api.client(b -> b.maxRetries(2))) {
      assertThat(client.create().sandboxId()).isEqualTo("sbx1");
    }
    assertThat(api.server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aConnectionDroppedAfterACreatePostMeansExactlyOnePost() throws Exception {
    api.enqueue(dropAfterRequest());
    api.enqueue(201, MockApi.CREATED);
    try (SandboxClient client = api.client(b -> b.maxRetries(3))) {
      assertThatThrownBy(client::create)
          .isInstanceOfSatisfying(
              SandboxConnectionException.class, e -> assertThat(e.attempts()).isEqualTo(1));
    }
    assertThat(api.take().getMethod()).isEqualTo("POST");
    assertThat(api.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aDroppedConnectionIsRetriedForSafeOperations() throws Exception {
    api.enqueue(dropAfterRequest());
    api.enqueue(200, "[]");
    try (SandboxClient client = api.client(b -> b.maxRetries(1))) {
      assertThat(client.list().nextItems()).isEmpty();
    }
    assertThat(api.server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aKillWhoseFirstAttemptMayHaveLandedIsTrueOnA404() {
    api.enqueue(status(502));
    api.enqueue(status(404));
    try (SandboxClient client = api.client(b -> b.maxRetries(2))) {
      assertThat(client.kill("sbx1")).isTrue();
    }
  }

  @Test
  void aKillWhoseFirstAttemptSurelyFailedIsFalseOnA404() {
    api.enqueue(status(503));
    api.enqueue(status(404));
    try (SandboxClient client = api.client(b -> b.maxRetries(2))) {
      assertThat(client.kill("sbx1")).isFalse();
    }
  }

  @Test
  void conflictsAndBadRequestsAreNeverRetried() {
    api.enqueue(status(409));
    api.enqueue(status(400));
    try (SandboxClient client = api.client(b -> b.maxRetries(3))) {
      assertThat(client.pause("sbx1")).isFalse();
      assertThatThrownBy(() -> client.setTimeout("sbx1", Duration.ofSeconds(1)))
          .isInstanceOf(SandboxException.class);
    }
    assertThat(api.server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRefusedConnectionIsRetriedEvenForCreate() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (SandboxClient client =
        api.client(b -> b.apiUrl("http://127.0.0.1:" + closedPort).maxRetries(2))) {
      assertThatThrownBy(client::create)
          .isInstanceOfSatisfying(
              SandboxConnectionException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e).hasMessageContaining("could not connect");
              });
    }
    assertThat(api.sleeps).hasSize(2);
  }

  @Test
  void aServerThatNeverAnswersTimesOut() {
    api.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    long start = System.nanoTime();
    try (SandboxClient client =
        api.client(b -> b.maxRetries(0).requestTimeout(Duration.ofMillis(300)))) {
      assertThatThrownBy(() -> client.getInfo("sbx1")).isInstanceOf(SandboxTimeoutException.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void theCallTimeoutBoundsRetriesAndTheirWaits() {
    for (int i = 0; i < 5; i++) {
      api.enqueue(status(503));
    }
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    try (SandboxClient client =
        api.client(
            b ->
                b.maxRetries(10)
                    .callTimeout(Duration.ofMillis(1600))
                    .clock(clock)
                    .sleeper(d -> now.set(now.get().plus(d))))) {
      assertThatThrownBy(() -> client.getInfo("sbx1"))
          .isInstanceOfSatisfying(
              ServerException.class, e -> assertThat(e.attempts()).isEqualTo(3));
    }
    // Waits of 500 ms and 1000 ms fit in 1600 ms; the third wait (2000 ms) would not.
    assertThat(api.server.getRequestCount()).isEqualTo(3);
    assertThat(api.sleeps).isEmpty();
  }

  @Test
  void anInterruptStopsASleepingRetryAndKeepsTheFlag() throws Exception {
    api.enqueue(status(503));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    java.util.concurrent.CountDownLatch sleeping = new java.util.concurrent.CountDownLatch(1);
    try (SandboxClient client =
        api.client(
            b ->
                b.maxRetries(3)
                    .sleeper(
                        d -> {
                          sleeping.countDown();
                          Thread.sleep(60_000);
                        }))) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  client.getInfo("sbx1");
                } catch (Throwable t) {
                  thrown.set(t);
                  flag.set(Thread.currentThread().isInterrupted());
                }
              });
      worker.start();
      assertThat(sleeping.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      long start = System.nanoTime();
      worker.interrupt();
      worker.join(5_000);
      assertThat(worker.isAlive()).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
    assertThat(thrown.get()).isInstanceOf(ServerException.class);
    assertThat(flag.get()).isTrue();
  }

  @Test
  void maxRetriesCanBeChangedPerCall() {
    api.enqueue(status(503));
    api.enqueue(status(503));
    try (SandboxClient client = api.client(b -> b.maxRetries(5))) {
      SandboxClient noRetries = client.withOptions(o -> o.maxRetries(0));
      assertThatThrownBy(() -> noRetries.getInfo("a"))
          .isInstanceOfSatisfying(
              ServerException.class, e -> assertThat(e.attempts()).isEqualTo(1));
    }
    assertThat(api.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void okHttpNeverResendsAfterA503WithRetryAfterZero() {
    api.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").build());
    api.enqueue(201, MockApi.CREATED);
    try (SandboxClient client = api.client()) {
      assertThatThrownBy(client::create)
          .isInstanceOfSatisfying(
              ServerException.class, e -> assertThat(e.attempts()).isEqualTo(1));
    }
    assertThat(api.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retryAfterZeroIsStillHonouredByTheSdksOwnRules() {
    api.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").build());
    api.enqueue(201, MockApi.CREATED);
    try (SandboxClient client = api.client(b -> b.maxRetries(1))) {
      assertThat(client.create().sandboxId()).isEqualTo("sbx1");
    }
    assertThat(api.sleeps).containsExactly(Duration.ZERO);
    assertThat(api.server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anInterruptedCallerGetsATypedErrorKeepsItsFlagAndSendsNothing() {
    try (SandboxClient client = api.client(b -> b.maxRetries(3))) {
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(client::create)
            .isInstanceOf(dev.sandbox4j.errors.SandboxException.class)
            .hasMessageNotContaining("may have created");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
    }
    assertThat(api.server.getRequestCount()).isZero();
  }

  @Test
  void anAuthenticatorOnTheUsersClientNeverResends() {
    api.enqueue(401, "{\"message\":\"no\"}");
    api.enqueue(201, MockApi.CREATED);
    okhttp3.OkHttpClient users =
        new okhttp3.OkHttpClient.Builder()
            .authenticator((route, response) -> response.request())
            .build();
    try (SandboxClient client = api.client(b -> b.maxRetries(0).httpClient(users))) {
      assertThatThrownBy(client::create)
          .isInstanceOf(dev.sandbox4j.errors.AuthenticationException.class);
    }
    assertThat(api.server.getRequestCount()).isEqualTo(1);
  }
}
