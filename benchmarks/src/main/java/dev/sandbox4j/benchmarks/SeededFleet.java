package dev.sandbox4j.benchmarks;

import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.SandboxInfo;
import dev.sandbox4j.SandboxListQuery;
import dev.sandbox4j.SandboxPaginator;
import dev.sandbox4j.local.LocalSandboxServer;
import dev.sandbox4j.local.SeedSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A local server holding {@code size} running sandboxes whose list order and metadata are known in
 * advance, and an SDK client pointed at it.
 *
 * <p>Sandbox {@code i} (0 = newest, first in list order) carries:
 *
 * <ul>
 *   <li>{@code env=prod}, except the last 10 of every 100, which carry {@code env=dev}: the common
 *       filter {@code env=prod} matches 90%;
 *   <li>{@code team=needle} on every {@link #rareStride()}-th sandbox: 1% of the fleet, but never
 *       fewer than two pages' worth, so that the rare filter's page is full and has a next page in
 *       a small fleet too (in 1 000 that is 200 sandboxes, every 5th).
 * </ul>
 */
final class SeededFleet implements AutoCloseable {

  static final int PAGE_SIZE = 100;
  static final String COMMON_KEY = "env";
  static final String COMMON_VALUE = "prod";
  static final String RARE_KEY = "team";
  static final String RARE_VALUE = "needle";

  private static final String OTHER_COMMON_VALUE = "dev";
  private static final int RARE_PERCENT = 1;

  private final LocalSandboxServer server;
  private final SandboxClient client;
  private final List<String> idsInListOrder;
  private final int rareStride;
  private final int middlePage;
  private final String middlePageToken;

  private SeededFleet(int size) {
    if (size < 2 * PAGE_SIZE) {
      throw new IllegalArgumentException("a fleet needs at least two pages, got " + size);
    }
    this.server = LocalSandboxServer.start();
    this.client = SandboxClient.builder().apiUrl(server.apiUrl()).apiKey(server.apiKey()).build();
    this.rareStride = size / Math.max(size * RARE_PERCENT / 100, 2 * PAGE_SIZE);
    this.idsInListOrder = seed(size);
    this.middlePage = size / PAGE_SIZE / 2;
    this.middlePageToken = walkToPage(middlePage);
  }

  /** Starts a server, seeds it and saves the cursor of the middle page. */
  static SeededFleet start(int size) {
    return new SeededFleet(size);
  }

  SandboxClient client() {
    return client;
  }

  int size() {
    return idsInListOrder.size();
  }

  int rareStride() {
    return rareStride;
  }

  int rareCount() {
    return (size() + rareStride - 1) / rareStride;
  }

  /** The 0-based index of the page that {@link #middlePageToken()} leads to. */
  int middlePage() {
    return middlePage;
  }

  /** A cursor saved from a listing, leading to the page halfway through the fleet. */
  String middlePageToken() {
    return middlePageToken;
  }

  /** The ID of the sandbox at {@code index} in list order. */
  String idAt(int index) {
    return idsInListOrder.get(index);
  }

  static Map<String, String> metadataOf(int index, int rareStride) {
    Map<String, String> metadata = new HashMap<>();
    metadata.put(COMMON_KEY, index % 100 < 90 ? COMMON_VALUE : OTHER_COMMON_VALUE);
    if (index % rareStride == 0) {
      metadata.put(RARE_KEY, RARE_VALUE);
    }
    return Map.copyOf(metadata);
  }

  /**
   * Seeds one run of equal metadata per call (a seed call gives all its sandboxes the same
   * metadata), placing each run's start times right after the previous run's, one second apart.
   */
  private List<String> seed(int size) {
    Instant newest = server.admin().now().minusSeconds(1);
    List<String> ids = new ArrayList<>(size);
    int runStart = 0;
    while (runStart < size) {
      Map<String, String> metadata = metadataOf(runStart, rareStride);
      int runEnd = runStart + 1;
      while (runEnd < size && metadataOf(runEnd, rareStride).equals(metadata)) {
        runEnd++;
      }
      ids.addAll(
          server
              .admin()
              .seed(
                  SeedSpec.builder()
                      .count(runEnd - runStart)
                      .metadata(metadata)
                      .newestStartedAt(newest.minusSeconds(runStart))
                      .spacing(Duration.ofSeconds(1))
                      .build()));
      runStart = runEnd;
    }
    return List.copyOf(ids);
  }

  /** Pages through the listing as a user would, and keeps the cursor that leads to {@code page}. */
  private String walkToPage(int page) {
    SandboxPaginator paginator = client.list(SandboxListQuery.builder().limit(PAGE_SIZE).build());
    for (int i = 0; i < page; i++) {
      List<SandboxInfo> items = paginator.nextItems();
      String expectedFirst = idAt(i * PAGE_SIZE);
      if (items.isEmpty() || !items.get(0).sandboxId().equals(expectedFirst)) {
        throw new IllegalStateException(
            "page " + i + " does not start at sandbox " + expectedFirst);
      }
    }
    return paginator
        .nextToken()
        .orElseThrow(() -> new IllegalStateException("no cursor after page " + (page - 1)));
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
