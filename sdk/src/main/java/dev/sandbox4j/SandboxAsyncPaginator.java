package dev.sandbox4j;

import dev.sandbox4j.internal.ClientCore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Pages through a sandbox listing asynchronously: {@link #nextItems()} fetches one page on the
 * client's async executor. It follows the same contract as {@link SandboxPaginator} (cursor
 * from {@code X-Next-Token} only, a failed fetch leaves the cursor in place, a repeated token is
 * a protocol error); pages are fetched one at a time even if {@code nextItems()} is called again
 * before the previous page arrived.
 */
public final class SandboxAsyncPaginator {
  private final SandboxPaginator pages;
  private final ClientCore core;

  SandboxAsyncPaginator(SandboxPaginator pages, ClientCore core) {
    this.pages = pages;
    this.core = core;
  }

  /**
   * Returns whether another page may exist: true before the first fetch, then true exactly
   * when the last page came with a cursor.
   *
   * @return whether {@link #nextItems()} may be called
   */
  public boolean hasNext() {
    return pages.hasNext();
  }

  /**
   * Returns the cursor of the next page, to persist and resume the listing later.
   *
   * @return the cursor, or empty
   */
  public Optional<String> nextToken() {
    return pages.nextToken();
  }

  /**
   * Fetches the next page.
   *
   * @return the page's sandboxes, newest first; fails with {@link
   *     java.util.NoSuchElementException} when there are no more pages, or with a {@link
   *     dev.sandbox4j.errors.SandboxException}
   */
  public CompletableFuture<List<SandboxInfo>> nextItems() {
    return core.supplyAsync(pages::nextItems);
  }

  @Override
  public String toString() {
    return pages.toString().replace("SandboxPaginator", "SandboxAsyncPaginator");
  }
}
