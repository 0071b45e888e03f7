package dev.sandbox4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.SandboxConnectionException;
import dev.sandbox4j.errors.SandboxProtocolException;
import java.io.IOException;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The retry engine on its own: bad server data and bugs end differently, and an operation declared
 * outside this package gets the same rules as the built-in ones.
 */
class RetryingCallerTest {
  private final List<Duration> sleeps = new ArrayList<>();
  private final ClientOptions options =
      ClientOptions.builder().apiUrl("http://127.0.0.1:1").apiKey("sk_engine").build();
  private final RetryingCaller caller =
      new RetryingCaller(
          new RetryPolicy(new RetryAfter(Clock.systemUTC()), () -> 0.0, Clock.systemUTC()),
          new ExceptionMapper(options.redactor(), new RetryAfter(Clock.systemUTC())),
          sleeps::add,
          Clock.systemUTC());

  @Test
  void badServerDataIsAProtocolErrorInTheSdksOwnWords() {
    assertThatThrownBy(
            () ->
                caller.call(
                    Operation.GET_INFO,
                    "sbx1",
                    options,
                    ctx -> {
                      throw BadServerData.unreadable(
                          new IllegalArgumentException("quoted body with envd_TOKEN"));
                    }))
        .isInstanceOf(SandboxProtocolException.class)
        .hasMessageContaining("get info of sandbox sbx1 failed: unreadable response")
        .satisfies(
            e -> {
              for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain("envd_TOKEN");
              }
            });
  }

  @Test
  void aBugSurfacesAsItselfAndIsNeverRetried() {
    AtomicInteger attempts = new AtomicInteger();
    NullPointerException bug = new NullPointerException("a bug in the SDK");
    assertThatThrownBy(
            () ->
                caller.call(
                    Operation.GET_INFO,
                    "sbx1",
                    options,
                    ctx -> {
                      attempts.incrementAndGet();
                      throw bug;
                    }))
        .isSameAs(bug);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void anOperationDeclaredElsewhereFollowsTheSameRules() {
    Operation upload = Operation.unsafe("upload file", "the file may have been written anyway");
    Operation read = Operation.safe("read file");
    AtomicInteger uploads = new AtomicInteger();
    assertThatThrownBy(
            () ->
                caller.call(
                    upload,
                    "sbx1",
                    options,
                    ctx -> {
                      uploads.incrementAndGet();
                      throw new SocketException("Connection reset");
                    }))
        .isInstanceOf(SandboxConnectionException.class)
        .hasMessageContaining("upload file sbx1 failed")
        .hasMessageContaining("the file may have been written anyway");
    assertThat(uploads).as("unsafe: not repeated after a lost connection").hasValue(1);

    AtomicInteger reads = new AtomicInteger();
    String content =
        caller.call(
            read,
            "sbx1",
            options,
            ctx -> {
              if (reads.incrementAndGet() == 1) {
                throw new IOException("Connection reset");
              }
              return "content";
            });
    assertThat(content).isEqualTo("content");
    assertThat(reads).hasValue(2);
    assertThat(sleeps).containsExactly(Duration.ofMillis(500));
  }
}
