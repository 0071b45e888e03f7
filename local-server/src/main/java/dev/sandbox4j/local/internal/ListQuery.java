package dev.sandbox4j.local.internal;

import dev.sandbox4j.generated.model.SandboxState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
 *   <li>{@code metadata}: see {@link MetadataFilter};
 *   <li>{@code order}: {@code desc} (default, newest first) or {@code asc}; anything else is a 400;
 *   <li>{@code startedAfter}: an RFC 3339 time, an inclusive lower bound on {@code startedAt};
 *   <li>{@code template}: a template ID or alias.
 * </ul>
 *
 * <p>The last three are E2B's: the Novita SDK does not send them, the server serves them.
 *
 * @param filter which sandboxes to return
 * @param after the sort key to continue after, from {@code nextToken}
 * @param limit the page size
 * @param ascending oldest first instead of newest first
 */
record ListQuery(ListFilter filter, Optional<SortKey> after, int limit, boolean ascending) {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 100;
  private static final Pattern DIGITS = Pattern.compile("[+-]?[0-9]{1,10}");

  static ListQuery parse(String rawQuery) {
    QueryParameters parameters = QueryParameters.parse(rawQuery);
    int limit = parameters.first("limit").map(ListQuery::limit).orElse(DEFAULT_LIMIT);
    boolean ascending = parameters.first("order").map(ListQuery::ascending).orElse(false);
    Optional<SortKey> after =
        parameters
            .first("nextToken")
            .filter(token -> !token.isEmpty())
            .map(token -> PageCursor.decode(token, ascending));
    ListFilter filter =
        new ListFilter(
            states(parameters),
            parameters.first("metadata").map(MetadataFilter::parse).orElse(Map.of()),
            parameters.first("startedAfter").map(ListQuery::instant),
            parameters.first("template").filter(template -> !template.isEmpty()));
    return new ListQuery(filter, after, limit, ascending);
  }

  private static boolean ascending(String order) {
    return switch (order) {
      case "asc" -> true;
      case "desc" -> false;
      default -> throw ApiProblem.badRequest("Invalid order '" + order + "': expected asc or desc");
    };
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(
          "Invalid startedAfter '" + text + "': expected an RFC 3339 date-time");
    }
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
