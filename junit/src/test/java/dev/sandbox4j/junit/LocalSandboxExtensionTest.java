package dev.sandbox4j.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.sandbox4j.Sandbox;
import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.errors.SandboxConfigurationException;
import dev.sandbox4j.local.LocalSandboxServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs small test classes through the JUnit engine and checks what the extension gave them. */
class LocalSandboxExtensionTest {

  @Test
  void aReadyClientOfTheClassServerIsInjectedAndClosedAfterEachTest() {
    PerClass.servers.clear();
    PerClass.clients.clear();

    run(PerClass.class).assertStatistics(stats -> stats.started(2).succeeded(2));

    assertThat(PerClass.servers).hasSize(2);
    assertThat(PerClass.servers.get(1)).isSameAs(PerClass.servers.get(0));
    assertThat(PerClass.clients).hasSize(2).doesNotHaveDuplicates();
    for (SandboxClient client : PerClass.clients) {
      assertThatThrownBy(() -> client.list().nextItems())
          .as("closed after its test")
          .isInstanceOf(SandboxConfigurationException.class);
    }
    assertThat(isListening(PerClass.servers.get(0))).as("closed after the class").isFalse();
  }

  @Test
  void aSharedServerServesEveryClassUntilTheRunEnds() {
    Shared.servers.clear();

    run(SharedFirst.class, SharedSecond.class)
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    assertThat(Shared.servers).hasSize(2);
    assertThat(Shared.servers.get(1)).isSameAs(Shared.servers.get(0));
    assertThat(isListening(Shared.servers.get(0))).as("closed when the run ends").isFalse();
  }

  @Test
  void perClassServersAreNotShared() {
    PerClass.servers.clear();
    PerClass.clients.clear();
    OtherPerClass.servers.clear();

    run(PerClass.class, OtherPerClass.class)
        .assertStatistics(stats -> stats.started(3).succeeded(3));

    assertThat(OtherPerClass.servers).hasSize(1);
    assertThat(PerClass.servers).doesNotContain(OtherPerClass.servers.get(0));
  }

  private static org.junit.platform.testkit.engine.Events run(Class<?>... classes) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(
            java.util.Arrays.stream(classes)
                .map(c -> selectClass(c))
                .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
        .execute()
        .testEvents();
  }

  private static boolean isListening(LocalSandboxServer server) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /**
   * Each test sees an empty server (reset before it), creates a sandbox, finds only it, and reaches
   * inside it.
   */
  private static void createAndFindOnlyIt(SandboxClient client, LocalSandboxServer server) {
    assertThat(server.admin().requests()).isEmpty();
    Sandbox sandbox = client.create();
    assertThat(client.list().stream().map(info -> info.sandboxId()))
        .containsExactly(sandbox.sandboxId());
    assertThat(sandbox.commands().run("echo inside").stdout()).isEqualTo("inside\n");
  }

  /** A fixture, run only through EngineTestKit above. */
  @ExtendWith(LocalSandboxExtension.class)
  static class PerClass {
    static final List<LocalSandboxServer> servers = new CopyOnWriteArrayList<>();
    static final List<SandboxClient> clients = new CopyOnWriteArrayList<>();

    @Test
    void first(SandboxClient client, LocalSandboxServer server) {
      servers.add(server);
      clients.add(client);
      createAndFindOnlyIt(client, server);
    }

    @Test
    void second(SandboxClient client, LocalSandboxServer server) {
      servers.add(server);
      clients.add(client);
      createAndFindOnlyIt(client, server);
    }
  }

  /** A fixture, run only through EngineTestKit above. */
  @ExtendWith(LocalSandboxExtension.class)
  static class OtherPerClass {
    static final List<LocalSandboxServer> servers = new CopyOnWriteArrayList<>();

    @Test
    void only(SandboxClient client, LocalSandboxServer server) {
      servers.add(server);
      createAndFindOnlyIt(client, server);
    }
  }

  /** The shared extension, as a user would keep it in one place. */
  static final class Shared {
    static final LocalSandboxExtension LOCAL = LocalSandboxExtension.sharedAcrossClasses();
    static final List<LocalSandboxServer> servers = new CopyOnWriteArrayList<>();

    private Shared() {}
  }

  /** A fixture, run only through EngineTestKit above. */
  static class SharedFirst {
    @RegisterExtension static final LocalSandboxExtension LOCAL = Shared.LOCAL;

    @Test
    void uses(SandboxClient client, LocalSandboxServer server) {
      Shared.servers.add(server);
      createAndFindOnlyIt(client, server);
    }
  }

  /** A second class with the same test and the same registered extension. */
  static class SharedSecond extends SharedFirst {}
}
