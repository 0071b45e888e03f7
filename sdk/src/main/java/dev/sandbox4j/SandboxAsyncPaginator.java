package dev.sandbox4j;

import dev.sandbox4j.errors.SandboxException;
import dev.sandbox4j.internal.ClientCore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Pages through a sandbox listing asynchronously: {@link #nextItems()} fetches one page on the
 * client's async executor. It follows the same contract as {@link SandboxPaginator} (cursor from
 * {@code X-Next-Token} only, a failed fetch leaves the cursor in place, a repeated token is a
 * protocol error); pages are fetched one at a time even if {@code nextItems()} is called again
 * before the previous page arrived. Like every asynchronous call, it reports every failure, bad
 * arguments included, through the future {@link #nextItems()} returns, never by throwing.
 */
public final class SandboxAsyncPaginator {
  private final SandboxPaginator pages;
  private final ClientCore core;
  private final SandboxException invalid;

  SandboxAsyncPaginator(SandboxPaginator pages, ClientCore core) {
    this.pages = pages;
    this.core = core;
    this.invalid = null;
  }

  /** A paginator for a listing that cannot start (bad arguments): every fetch fails with why. */
  private SandboxAsyncPaginator(SandboxException invalid, ClientCore core) {
    this.pages = null;
    this.core = core;
    this.invalid = invalid;
  }

  /**
   * Starts an asynchronous listing; bad arguments fail the first fetch's future instead of throwing
   * here, like every other asynchronous call.
   */
  static SandboxAsyncPaginator start(Supplier<SandboxPaginator> pages, ClientCore core) {
    try {
      return new SandboxAsyncPaginator(pages.get(), core);
    } catch (SandboxException invalid) {
      return new SandboxAsyncPaginator(invalid, core);
    }
  }

  /**
   * Returns whether another page may exist: true before the first fetch, then true exactly when the
   * last page came with a cursor.
   *
   * @return whether {@link #nextItems()} may be called
   */
  public boolean hasNext() {
    return invalid != null || pages.hasNext();
  }

  /**
   * Returns the cursor of the next page, to persist and resume the listing later.
   *
   * @return the cursor, or empty
   */
  public Optional<String> nextToken() {
    return invalid != null ? Optional.empty() : pages.nextToken();
  }

  /**
   * Fetches the next page.
   *
   * @return the page's sandboxes, newest first; fails with {@link java.util.NoSuchElementException}
   *     when there are no more pages, or with a {@link dev.sandbox4j.errors.SandboxException}
   */
  public CompletableFuture<List<SandboxInfo>> nextItems() {
    if (invalid != null) {
      return CompletableFuture.failedFuture(invalid);
    }
    return core.supplyAsync(pages::nextItems);
  }

  @Override
  public String toString() {
    return invalid != null
        ? "SandboxAsyncPaginator{invalid=" + invalid.getMessage() + "}"
        : pages.toString().replace("SandboxPaginator", "SandboxAsyncPaginator");
  }
}
