package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.AuthenticationException;
import dev.sandbox4j.errors.BadRequestException;
import dev.sandbox4j.errors.SandboxNotFoundException;
import dev.sandbox4j.local.LocalSandboxServer;
import dev.sandbox4j.local.LocalSandboxServerExtension;
import dev.sandbox4j.local.SeedSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK against the embedded emulator: real lifecycles, real paging, real errors. */
class LocalServerBehaviourTest {
  @RegisterExtension
  static final LocalSandboxServerExtension LOCAL = LocalServers.withStoppedClock();

  private final LocalSandboxServer server;
  private SandboxClient client;

  LocalServerBehaviourTest(LocalSandboxServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    client = LocalServers.clientFor(server).build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  private Sandbox create(Duration lifetime, boolean autoPause) {
    return client.create(
        CreateSandboxParams.builder().timeout(lifetime).autoPause(autoPause).build());
  }

  @Test
  void aSandboxDiesWhenItsLifetimeEnds() {
    Sandbox sandbox = create(Duration.ofSeconds(60), false);
    server.admin().advanceClock(Duration.ofSeconds(59));
    assertThat(sandbox.getInfo().state()).isEqualTo(SandboxState.RUNNING);
    server.admin().advanceClock(Duration.ofSeconds(2));
    assertThatThrownBy(sandbox::getInfo).isInstanceOf(SandboxNotFoundException.class);
    assertThat(client.list().stream()).isEmpty();
    assertThat(sandbox.kill()).isFalse();
  }

  @Test
  void anAutoPausingSandboxPausesAndConnectResumesIt() {
    Sandbox sandbox = create(Duration.ofSeconds(30), true);
    server.admin().advanceClock(Duration.ofSeconds(31));
    SandboxInfo paused = sandbox.getInfo();
    assertThat(paused.state()).isEqualTo(SandboxState.PAUSED);
    assertThat(paused.autoPause()).contains(true);
    assertThatThrownBy(() -> sandbox.setTimeout(Duration.ofSeconds(10)))
        .isInstanceOf(SandboxNotFoundException.class);

    Sandbox resumed =
        client.connect(
            sandbox.sandboxId(),
            ConnectSandboxParams.builder().timeout(Duration.ofSeconds(120)).build());
    assertThat(resumed.resumed()).isTrue();
    SandboxInfo running = resumed.getInfo();
    assertThat(running.state()).isEqualTo(SandboxState.RUNNING);
    assertThat(running.endAt()).isEqualTo(server.admin().now().plusSeconds(120));
    assertThat(client.connect(sandbox.sandboxId()).resumed()).isFalse();
  }

  @Test
  void connectOnlyExtendsAndSetTimeoutReplaces() {
    Sandbox sandbox = create(Duration.ofSeconds(600), false);
    Instant end = sandbox.getInfo().endAt();
    client.connect(
        sandbox.sandboxId(),
        ConnectSandboxParams.builder().timeout(Duration.ofSeconds(60)).build());
    assertThat(sandbox.getInfo().endAt()).isEqualTo(end);

    sandbox.setTimeout(Duration.ofMillis(9_001));
    assertThat(sandbox.getInfo().endAt()).isEqualTo(server.admin().now().plusSeconds(10));
  }

  @Test
  void pauseAndKillAnswerTheirSecondCallWithFalse() {
    Sandbox sandbox = create(Duration.ofSeconds(60), false);
    assertThat(sandbox.pause()).isTrue();
    assertThat(sandbox.pause()).isFalse();
    assertThat(client.kill(sandbox.sandboxId())).isTrue();
    assertThat(client.kill(sandbox.sandboxId())).isFalse();
    assertThatThrownBy(() -> client.pause(sandbox.sandboxId()))
        .isInstanceOfSatisfying(
            SandboxNotFoundException.class,
            e -> assertThat(e.sandboxId()).isEqualTo(sandbox.sandboxId()));
  }

  @Test
  void closingACreatedHandleKillsButClosingAConnectedOneDetaches() {
    String id;
    try (Sandbox created = create(Duration.ofSeconds(60), false)) {
      id = created.sandboxId();
      try (Sandbox connected = client.connect(id)) {
        assertThat(connected.sandboxId()).isEqualTo(id);
      }
      assertThat(client.getInfo(id).state()).isEqualTo(SandboxState.RUNNING);
    }
    assertThatThrownBy(() -> client.getInfo(id)).isInstanceOf(SandboxNotFoundException.class);
  }

  @Test
  void metadataWithAwkwardCharactersRoundTripsAndFiltersExactly() {
    Map<String, String> awkward = new LinkedHashMap<>();
    awkward.put("a&b=c", "100% + more");
    awkward.put("path/to key", "ü 日本 (x) ~!*'");
    Sandbox match = client.create(CreateSandboxParams.builder().metadata(awkward).build());
    Map<String, String> almost = new LinkedHashMap<>(awkward);
    almost.put("a&b=c", "100% + more ");
    client.create(CreateSandboxParams.builder().metadata(almost).build());
    client.create(CreateSandboxParams.builder().putMetadata("a", "b").build());

    assertThat(match.getInfo().metadata()).isEqualTo(awkward);
    List<SandboxInfo> found =
        client.list(SandboxListQuery.builder().metadata(awkward).build()).nextItems();
    assertThat(found).extracting(SandboxInfo::sandboxId).containsExactly(match.sandboxId());
    assertThat(
            client
                .list(SandboxListQuery.builder().putMetadata("a&b", "c=100% + more").build())
                .stream())
        .isEmpty();
  }

  @Test
  void stateFilterSelectsOnTheServer() {
    Sandbox a = create(Duration.ofSeconds(60), false);
    Sandbox b = create(Duration.ofSeconds(60), false);
    b.pause();
    assertThat(client.list(SandboxListQuery.builder().states(SandboxState.PAUSED).build()).stream())
        .extracting(SandboxInfo::sandboxId)
        .containsExactly(b.sandboxId());
    assertThat(
            client.list(SandboxListQuery.builder().states(SandboxState.RUNNING).build()).stream())
        .extracting(SandboxInfo::sandboxId)
        .containsExactly(a.sandboxId());
    assertThat(client.list().stream()).hasSize(2);
  }

  @Test
  void theCursorNeverLosesOrRepeatsASandboxWhileOthersComeAndGo() {
    List<String> stable = server.admin().seed(SeedSpec.builder().count(300).build());
    List<String> volatileOnes =
        server
            .admin()
            .seed(
                SeedSpec.builder()
                    .count(200)
                    .newestStartedAt(server.admin().now().minusSeconds(1000))
                    .metadata(Map.of("volatile", "yes"))
                    .build());
    SandboxPaginator pages = client.list(SandboxListQuery.builder().limit(7).build());
    List<String> seen = new ArrayList<>();
    int round = 0;
    while (pages.hasNext()) {
      pages.nextItems().forEach(i -> seen.add(i.sandboxId()));
      // Between pages: new sandboxes appear (newest, so before the cursor) and others die.
      client.create(CreateSandboxParams.builder().timeout(Duration.ofMinutes(5)).build());
      if (round < volatileOnes.size()) {
        client.kill(volatileOnes.get(round));
      }
      round++;
    }
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen).containsAll(stable);
    List<String> stableInOrder =
        seen.stream().filter(new HashSet<>(stable)::contains).collect(Collectors.toList());
    assertThat(stableInOrder).isEqualTo(stable);
  }

  @Test
  void aHundredThousandSandboxesPageInFullAndInOrder() {
    server.admin().seed(SeedSpec.builder().count(100_000).build());
    SandboxPaginator pages = client.list(SandboxListQuery.builder().limit(100).build());
    Set<String> ids = new HashSet<>();
    Instant previous = Instant.MAX;
    int count = 0;
    for (SandboxInfo info : pages) {
      assertThat(info.startedAt()).isBeforeOrEqualTo(previous);
      previous = info.startedAt();
      ids.add(info.sandboxId());
      count++;
    }
    assertThat(count).isEqualTo(100_000);
    assertThat(ids).hasSize(100_000);
  }

  @Test
  void serverErrorsArriveAsTypedExceptions() {
    try (SandboxClient wrongKey =
        SandboxClient.builder()
            .apiUrl(server.apiUrl())
            .apiKey("sk_wrong")
            .environment(k -> null)
            .build()) {
      assertThatThrownBy(() -> wrongKey.list().nextItems())
          .isInstanceOf(AuthenticationException.class);
    }
    assertThatThrownBy(
            () ->
                client
                    .list(SandboxListQuery.builder().nextToken("not-a-token").build())
                    .nextItems())
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> client.getInfo("nosuchsandbox"))
        .isInstanceOf(SandboxNotFoundException.class);
  }
}
