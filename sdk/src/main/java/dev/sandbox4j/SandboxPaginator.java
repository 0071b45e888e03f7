package dev.sandbox4j;

import dev.sandbox4j.errors.SandboxProtocolException;
import dev.sandbox4j.internal.MetadataFilter;
import dev.sandbox4j.internal.SandboxCalls;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
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
 * calling it again retries the same page. A server that hands back the token it was just sent
 * gets a {@link SandboxProtocolException} instead of an endless loop. Instances are
 * thread-safe, but a listing is a sequence: share one between threads only with care.
 */
public final class SandboxPaginator implements Iterable<SandboxInfo> {
  private final SandboxCalls calls;
  private final String metadataFilter;
  private final List<dev.sandbox4j.generated.model.SandboxState> states;
  private final Integer limit;

  private String nextToken;
  private boolean hasNext = true;

  SandboxPaginator(SandboxCalls calls, SandboxListQuery query) {
    this.calls = calls;
    this.metadataFilter =
        query.metadata().isEmpty() ? null : MetadataFilter.encode(query.metadata());
    this.states =
        query.states().stream()
            .map(s -> dev.sandbox4j.generated.model.SandboxState.fromValue(s.wireValue()))
            .collect(Collectors.toUnmodifiableList());
    this.limit = query.limit().isPresent() ? query.limit().getAsInt() : null;
    this.nextToken = query.nextToken().orElse(null);
  }

  /**
   * Returns whether another page may exist: true before the first fetch, then true exactly
   * when the last page came with a cursor.
   *
   * @return whether {@link #nextItems()} may be called
   */
  public synchronized boolean hasNext() {
    return hasNext;
  }

  /**
   * Returns the cursor of the next page: before the first fetch, the query's token if it had
   * one; after a fetch, the token the server sent, or empty after the last page. Persist it to
   * resume the listing later.
   *
   * @return the cursor, or empty
   */
  public synchronized Optional<String> nextToken() {
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
  public synchronized List<SandboxInfo> nextItems() {
    if (!hasNext) {
      throw new NoSuchElementException("No more items to fetch");
    }
    SandboxCalls.Page page = calls.list(metadataFilter, states, limit, nextToken);
    String received = page.nextToken();
    if (received != null && received.equals(nextToken)) {
      throw new SandboxProtocolException(
          "list sandboxes failed: the server answered with the same page token it was sent;"
              + " stopping instead of looping forever",
          null,
          1);
    }
    nextToken = received;
    hasNext = received != null;
    return page.items();
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
  public synchronized String toString() {
    return "SandboxPaginator{hasNext=" + hasNext + ", nextToken=" + nextToken + "}";
  }
}
