package dev.sandbox4j;

import dev.sandbox4j.errors.SandboxProtocolException;
import dev.sandbox4j.internal.EarlyPage;
import dev.sandbox4j.internal.PageTokenHistory;
import dev.sandbox4j.internal.SandboxCalls;
import java.lang.ref.Cleaner;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Pages through a sandbox listing, one request per page, following the server's {@code
 * X-Next-Token} cursor.
 *
 * <p>Use it the way the official SDKs do ({@link #hasNext()}, {@link #nextItems()}, {@link
 * #nextToken()}), or as plain Java: {@code for (SandboxInfo s : paginator)} and {@link #stream()}
 * walk every remaining sandbox, fetching lazily and holding one page at a time. All these share one
 * cursor: items a loop consumed are not seen again, and a saved {@link #nextToken()} resumes a
 * listing later through {@link SandboxListQuery.Builder#nextToken}.
 *
 * <p>Only the cursor decides the end: a short or empty page with a token is followed; a page
 * without one is the last. If {@link #nextItems()} fails, the paginator stays where it was, so
 * calling it again retries the same page. Two bounds keep a broken or hostile server from driving a
 * listing forever, each a {@link SandboxProtocolException}: a token this paginator has already sent
 * (the same one, or an earlier one in a cycle), remembered as a fixed-size hash however long the
 * tokens are; and {@link SandboxListQuery#maxEmptyPages()} empty pages in a row, each with a fresh
 * token.
 *
 * <p>Pipelining: iterating and streaming (not {@link #nextItems()}) request the next page as soon
 * as the current page's cursor arrives, before the current page is read, so the server prepares
 * page k+1 while this client parses page k. At most one request is ahead; its failure is reported,
 * and retried by the usual rules, when the loop reaches that page; it is cancelled when the stream
 * is closed, when the iterator is garbage-collected, when {@link #nextItems()} moves the cursor
 * elsewhere, and when the client is closed. Turn it off with {@link
 * SandboxListQuery.Builder#pipelining(boolean)}.
 *
 * <p>Instances are thread-safe: fetches run one at a time, and {@link #hasNext()}, {@link
 * #nextToken()} and {@code toString()} never wait for one.
 */
public final class SandboxPaginator implements Iterable<SandboxInfo> {
  private final SandboxCalls calls;
  private final SandboxListQuery query;

  private final Object fetchLock = new Object();
  private final PageTokenHistory sentTokens = new PageTokenHistory();
  private volatile String nextToken;
  private volatile boolean hasNext = true;
  private int emptyPagesInARow; // guarded by fetchLock
  private EarlyPage ahead; // the next page requested early, or null; guarded by fetchLock

  SandboxPaginator(SandboxCalls calls, SandboxListQuery query) {
    this.calls = calls;
    this.query = query;
    this.nextToken = query.nextToken().orElse(null);
  }

  /**
   * Returns whether another page may exist: true before the first fetch, then true exactly when the
   * last page came with a cursor.
   *
   * @return whether {@link #nextItems()} may be called
   */
  public boolean hasNext() {
    return hasNext;
  }

  /**
   * Returns the cursor of the next page: before the first fetch, the query's token if it had one;
   * after a fetch, the token the server sent, or empty after the last page. Persist it to resume
   * the listing later.
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
    return fetch(false);
  }

  /** Fetches the next page; {@code requestAhead} pipelines the one after it. */
  private List<SandboxInfo> fetch(boolean requestAhead) {
    synchronized (fetchLock) {
      if (!hasNext) {
        throw new NoSuchElementException("No more items to fetch");
      }
      String sent = nextToken;
      EarlyPage early = takeAhead(sent);
      SandboxCalls.Page page;
      try {
        page =
            calls.list(
                query,
                sent,
                early,
                requestAhead && query.pipelining() ? next -> requestAhead(sent, next) : null);
      } catch (RuntimeException e) {
        cancelAhead(); // requested for a page this listing has not reached
        throw e;
      } finally {
        if (early != null) {
          early.cancel(); // used up, or unused when the call never started
        }
      }
      String received = page.nextToken();
      if (received != null && (received.equals(sent) || sentTokens.wasSent(received))) {
        cancelAhead();
        throw new SandboxProtocolException(
            "list sandboxes failed: the server answered with a page token this listing already"
                + " sent (the same page token again, or a cycle); stopping instead of looping"
                + " forever",
            null,
            page.attempts());
      }
      if (received != null && page.items().isEmpty()) {
        if (++emptyPagesInARow >= query.maxEmptyPages()) {
          cancelAhead();
          throw new SandboxProtocolException(
              "list sandboxes failed: the server answered "
                  + emptyPagesInARow
                  + " empty pages in a row, each with a new page token; stopping a listing that"
                  + " makes no progress (SandboxListQuery.maxEmptyPages)",
              null,
              page.attempts());
        }
      } else {
        emptyPagesInARow = 0;
      }
      if (sent != null) {
        sentTokens.add(sent);
      }
      nextToken = received;
      hasNext = received != null;
      return page.items();
    }
  }

  /** Requests the page after {@code sent} early, unless its token would be refused anyway. */
  private void requestAhead(String sent, String next) {
    if (next == null
        || next.equals(sent)
        || sentTokens.wasSent(next)
        || (ahead != null && ahead.token().equals(next))) {
      return;
    }
    cancelAhead();
    ahead = calls.sendEarly(query, next);
  }

  /** Returns the early request for {@code token} if there is one; cancels any other. */
  private EarlyPage takeAhead(String token) {
    EarlyPage early = ahead;
    ahead = null;
    if (early != null && !early.token().equals(token)) {
      early.cancel();
      return null;
    }
    return early;
  }

  /** Cancels the page requested ahead, if any. */
  private void cancelAhead() {
    synchronized (fetchLock) {
      if (ahead != null) {
        ahead.cancel();
        ahead = null;
      }
    }
  }

  /**
   * Returns an iterator over every remaining sandbox, fetching pages as it goes; it advances this
   * paginator.
   *
   * @return a lazy iterator
   */
  @Override
  public Iterator<SandboxInfo> iterator() {
    Iterator<SandboxInfo> iterator =
        new Iterator<>() {
          private Iterator<SandboxInfo> page = Collections.emptyIterator();

          @Override
          public boolean hasNext() {
            while (!page.hasNext()) {
              if (!SandboxPaginator.this.hasNext()) {
                return false;
              }
              page = fetch(true).iterator();
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
    if (query.pipelining()) {
      // An abandoned loop must not keep a request and its connection forever.
      AbandonedIterators.CLEANER.register(iterator, this::cancelAhead);
    }
    return iterator;
  }

  /**
   * Returns a sequential, lazy stream of every remaining sandbox; short-circuiting operations such
   * as {@code limit} or {@code findFirst} stop fetching early. Closing the stream cancels a page
   * requested ahead.
   *
   * @return a stream that advances this paginator
   */
  public Stream<SandboxInfo> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::cancelAhead);
  }

  /** Its daemon thread starts with the first pipelined loop, not with the first listing. */
  private static final class AbandonedIterators {
    static final Cleaner CLEANER = Cleaner.create();
  }

  @Override
  public String toString() {
    // The token is the server's cursor: shown only as present, never quoted into logs.
    return "SandboxPaginator{hasNext="
        + hasNext
        + ", nextToken="
        + (nextToken == null ? "none" : "[redacted]")
        + "}";
  }
}
