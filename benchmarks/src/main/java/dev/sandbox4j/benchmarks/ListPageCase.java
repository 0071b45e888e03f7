package dev.sandbox4j.benchmarks;

import dev.sandbox4j.SandboxInfo;
import dev.sandbox4j.SandboxListQuery;
import java.util.List;
import java.util.Map;

/** One kind of list request the timing program measures, with the page it must get back. */
enum ListPageCase {
  FIRST_PAGE("first page", false, Map.of()),
  MIDDLE_PAGE("middle page (saved token)", true, Map.of()),
  RARE_FILTER("filter, rare pair", false, Map.of(SeededFleet.RARE_KEY, SeededFleet.RARE_VALUE)),
  COMMON_FILTER(
      "filter, common pair", false, Map.of(SeededFleet.COMMON_KEY, SeededFleet.COMMON_VALUE));

  private final String label;
  private final boolean fromMiddle;
  private final Map<String, String> filter;

  ListPageCase(String label, boolean fromMiddle, Map<String, String> filter) {
    this.label = label;
    this.fromMiddle = fromMiddle;
    this.filter = filter;
  }

  String label() {
    return label;
  }

  SandboxListQuery query(SeededFleet fleet) {
    SandboxListQuery.Builder query =
        SandboxListQuery.builder().limit(SeededFleet.PAGE_SIZE).metadata(filter);
    if (fromMiddle) {
      query.nextToken(fleet.middlePageToken());
    }
    return query.build();
  }

  /**
   * Fetches the page once and checks it before anything is timed: a full page, starting where it
   * should, holding only matching sandboxes, with a next page after it. (In both fleets the newest
   * sandbox carries both filter pairs, so a filtered page starts where the listing does.)
   */
  void verify(SeededFleet fleet) {
    var paginator = fleet.client().list(query(fleet));
    List<SandboxInfo> items = paginator.nextItems();
    int firstIndex = fromMiddle ? fleet.middlePage() * SeededFleet.PAGE_SIZE : 0;
    boolean ok =
        items.size() == SeededFleet.PAGE_SIZE
            && items.get(0).sandboxId().equals(fleet.idAt(firstIndex))
            && items.stream().allMatch(this::matchesFilter)
            && paginator.hasNext();
    if (!ok) {
      throw new IllegalStateException(
          label + " on " + fleet.size() + " sandboxes: unexpected page " + items);
    }
  }

  private boolean matchesFilter(SandboxInfo item) {
    return item.metadata().entrySet().containsAll(filter.entrySet());
  }
}
