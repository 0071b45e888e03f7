package dev.sandbox4j;

import dev.sandbox4j.errors.SandboxProtocolException;
import dev.sandbox4j.internal.SandboxCalls;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Pages through a sandbox listing, one request per page, following the server's {@code
 * X-Next-Token} cursor.
 *
 * <p>Use it the way the official SDKs do ({@link #hasNext()}, {@link #nextItems()}, {@link
 * #nextToken()}), or as plain Java: {@code for (SandboxInfo s : paginator)} and {@link
 * #stream()} walk every remaining sandbox, fetching lazily and holding one page at a time. All
 * these share one cursor: items a loop consumed are not seen again, and a saved {@link
 * #nextToken()} resumes a listing later through {@link SandboxListQuery.Builder#nextToken}.
 *
 * <p>Only the cursor decides the end: a short or empty page with a token is followed; a page
 * without one is the last. If {@link #nextItems()} fails, the paginator stays where it was, so
 * calling it again retries the same page. A server that hands back a token this paginator has
 * already sent (the same one, or an earlier one in a cycle) gets a {@link
 * SandboxProtocolException} instead of an endless loop; for that the paginator remembers the
 * tokens it sent, a few dozen bytes per page. Instances are thread-safe: fetches run one at a
 * time, and {@link #hasNext()}, {@link #nextToken()} and {@code toString()} never wait for one.
 */
public final class SandboxPaginator implements Iterable<SandboxInfo> {
  private final SandboxCalls calls;
  private final SandboxListQuery query;

  private final Object fetchLock = new Object();
  private final Set<String> sentTokens = new HashSet<>();
  private volatile String nextToken;
  private volatile boolean hasNext = true;

  SandboxPaginator(SandboxCalls calls, SandboxListQuery query) {
    this.calls = calls;
    this.query = query;
    this.nextToken = query.nextToken().orElse(null);
  }

  /**
   * Returns whether another page may exist: true before the first fetch, then true exactly
   * when the last page came with a cursor.
   *
   * @return whether {@link #nextItems()} may be called
   */
  public boolean hasNext() {
    return hasNext;
  }

  /**
   * Returns the cursor of the next page: before the first fetch, the query's token if it had
   * one; after a fetch, the token the server sent, or empty after the last page. Persist it to
   * resume the listing later.
   *
   * @return the cursor, or empty
   */
  public Optional<String> nextToken() {
    return Optional.ofNullable(nextToken);
  }

  /**
   * Fetches the next page.
   *
   * @return the page's sandboxes, newest first; possibly empty even when more pages follow
   * @throws NoSuchElementException when there are no more pages ("No more items to fetch")
   * @throws dev.sandbox4j.errors.SandboxException when the request fails; the paginator is
   *     unchanged, so a later call retries the same page
   */
  public List<SandboxInfo> nextItems() {
    synchronized (fetchLock) {
      if (!hasNext) {
        throw new NoSuchElementException("No more items to fetch");
      }
      String sent = nextToken;
      SandboxCalls.Page page = calls.list(query, sent);
      String received = page.nextToken();
      if (received != null && (received.equals(sent) || sentTokens.contains(received))) {
        throw new SandboxProtocolException(
            "list sandboxes failed: the server answered with a page token this listing already"
                + " sent (the same page token again, or a cycle); stopping instead of looping"
                + " forever",
            null,
            page.attempts());
      }
      if (sent != null) {
        sentTokens.add(sent);
      }
      nextToken = received;
      hasNext = received != null;
      return page.items();
    }
  }

  /**
   * Returns an iterator over every remaining sandbox, fetching pages as it goes; it advances
   * this paginator.
   *
   * @return a lazy iterator
   */
  @Override
  public Iterator<SandboxInfo> iterator() {
    return new Iterator<>() {
      private Iterator<SandboxInfo> page = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!page.hasNext()) {
          if (!SandboxPaginator.this.hasNext()) {
            return false;
          }
          page = nextItems().iterator();
        }
        return true;
      }

      @Override
      public SandboxInfo next() {
        if (!hasNext()) {
          throw new NoSuchElementException("No more items to fetch");
        }
        return page.next();
      }
    };
  }

  /**
   * Returns a sequential, lazy stream of every remaining sandbox; short-circuiting operations
   * such as {@code limit} or {@code findFirst} stop fetching early.
   *
   * @return a stream that advances this paginator
   */
  public Stream<SandboxInfo> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  @Override
  public String toString() {
    return "SandboxPaginator{hasNext=" + hasNext + ", nextToken=" + nextToken + "}";
  }
}
