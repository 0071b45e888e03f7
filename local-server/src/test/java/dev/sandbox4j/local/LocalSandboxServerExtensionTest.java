package dev.sandbox4j.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs small test classes through the JUnit engine and checks what the extension gave them. */
class LocalSandboxServerExtensionTest {

  @Test
  void oneServerPerClassSharedByNestedClassesResetBeforeEachTestAndClosedAfterTheClass() {
    PerClass.seen.clear();

    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(PerClass.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(3).succeeded(3));

    assertThat(PerClass.seen).hasSizeGreaterThanOrEqualTo(6);
    LocalSandboxServer server = PerClass.seen.get(0);
    assertThat(PerClass.seen).allSatisfy(s -> assertThat(s).isSameAs(server));
    assertThat(server.apiKey()).isEqualTo("sk_configured");
    assertThat(isListening(server)).as("closed after the class").isFalse();
  }

  @Test
  void onAnInstanceFieldEachTestGetsItsOwnServerClosedAfterIt() {
    PerTest.seen.clear();

    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(PerTest.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    assertThat(PerTest.seen).hasSize(2).doesNotHaveDuplicates();
    assertThat(PerTest.seen).noneMatch(LocalSandboxServerExtensionTest::isListening);
  }

  private static boolean isListening(LocalSandboxServer server) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** A fixture, run only through EngineTestKit above. */
  static class PerClass {

    static final List<LocalSandboxServer> seen = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static final LocalSandboxServerExtension LOCAL =
        new LocalSandboxServerExtension(
            LocalSandboxServer.builder().apiKey("sk_configured").build());

    PerClass(LocalSandboxServer server) {
      seen.add(server);
    }

    @BeforeAll
    static void beforeAll(LocalSandboxServer server) {
      seen.add(server);
    }

    @Test
    void first(LocalSandboxServer server) {
      startsFresh(server);
    }

    @Test
    void second(LocalSandboxServer server) {
      startsFresh(server);
    }

    /** Whichever test runs second proves the reset: no sandbox, no clock offset. */
    static void startsFresh(LocalSandboxServer server) {
      seen.add(server);
      assertThat(server.admin().sandboxCount()).isZero();
      assertThat(server.admin().now()).isBefore(Instant.now().plus(Duration.ofMinutes(1)));
      TestHttp.to(server).create();
      server.admin().advanceClock(Duration.ofDays(1));
    }

    @Nested
    class Inner {
      @Test
      void sharesTheOuterServer(LocalSandboxServer server) {
        startsFresh(server);
      }
    }
  }

  /** A fixture with the extension on an instance field, where JUnit calls no class callbacks. */
  static class PerTest {

    static final List<LocalSandboxServer> seen = new CopyOnWriteArrayList<>();

    @RegisterExtension final LocalSandboxServerExtension local = new LocalSandboxServerExtension();

    @Test
    void one(LocalSandboxServer server) {
      seen.add(server);
      assertThat(TestHttp.to(server).get("/v2/sandboxes").status()).isEqualTo(200);
    }

    @Test
    void two(LocalSandboxServer server) {
      seen.add(server);
      assertThat(TestHttp.to(server).get("/v2/sandboxes").status()).isEqualTo(200);
    }
  }
}
