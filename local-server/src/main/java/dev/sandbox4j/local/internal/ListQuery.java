package dev.sandbox4j.local.internal;

import dev.sandbox4j.generated.model.SandboxState;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of GET /v2/sandboxes, validated.
 *
 * <ul>
 *   <li>{@code limit}: an integer 1..100, default 100; anything else is a 400;
 *   <li>{@code state}: one comma-joined value ({@code running,paused}); absent means both; an
 *       unknown or empty state is a 400;
 *   <li>{@code nextToken}: a cursor from {@code X-Next-Token}; one this server did not issue is a
 *       400 (an empty value counts as absent);
 *   <li>{@code metadata}: see {@link MetadataFilter}.
 * </ul>
 *
 * @param filter which sandboxes to return
 * @param after the sort key to continue after, from {@code nextToken}
 * @param limit the page size
 */
record ListQuery(ListFilter filter, Optional<SortKey> after, int limit) {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 100;
  private static final Pattern DIGITS = Pattern.compile("[+-]?[0-9]{1,10}");

  static ListQuery parse(String rawQuery) {
    QueryParameters parameters = QueryParameters.parse(rawQuery);
    int limit = parameters.first("limit").map(ListQuery::limit).orElse(DEFAULT_LIMIT);
    Optional<SortKey> after =
        parameters.first("nextToken").filter(token -> !token.isEmpty()).map(PageCursor::decode);
    ListFilter filter =
        new ListFilter(
            states(parameters),
            parameters.first("metadata").map(MetadataFilter::parse).orElse(Map.of()));
    return new ListQuery(filter, after, limit);
  }

  private static int limit(String text) {
    if (!DIGITS.matcher(text).matches()) {
      throw ApiProblem.badRequest("limit must be an integer between 1 and " + MAX_LIMIT);
    }
    long limit = Long.parseLong(text);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + text);
    }
    return (int) limit;
  }

  private static Set<SandboxState> states(QueryParameters parameters) {
    if (parameters.all("state").isEmpty()) {
      return EnumSet.of(SandboxState.RUNNING, SandboxState.PAUSED);
    }
    Set<SandboxState> states = EnumSet.noneOf(SandboxState.class);
    for (String joined : parameters.all("state")) {
      for (String value : joined.split(",", -1)) {
        states.add(
            knownState(value)
                .orElseThrow(
                    () ->
                        ApiProblem.badRequest(
                            "Invalid state '" + value + "': expected running or paused")));
      }
    }
    return states;
  }

  /** The state with this wire name, if it is one the API defines. */
  static Optional<SandboxState> knownState(String wireName) {
    SandboxState state = SandboxState.fromValue(wireName);
    return state == SandboxState.UNKNOWN_DEFAULT_OPEN_API ? Optional.empty() : Optional.of(state);
  }
}
