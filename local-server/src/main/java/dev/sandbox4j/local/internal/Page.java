package dev.sandbox4j.local.internal;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list, and where the next one starts when more results exist.
 *
 * @param items the sandboxes of this page, in list order
 * @param continueAfter the sort key to resume after; empty on the last page
 * @param examined how many index entries the walk looked at: the page's real cost, which tests hold
 *     to O(page size) so a regression to a full scan cannot pass unnoticed
 */
record Page(List<StoredSandbox> items, Optional<SortKey> continueAfter, int examined) {

  Page {
    items = List.copyOf(items);
  }
}
