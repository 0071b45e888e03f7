package dev.sandbox4j.local.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded parameters of a query string: the "framework decodes the query once" step.
 *
 * <p>Parsing follows Go's {@code url.ParseQuery}: split on {@code &}, then on the first {@code =},
 * then query-unescape name and value. A malformed escape is answered with 400 rather than silently
 * dropping the parameter, because a dropped {@code metadata} filter would turn a filtered list into
 * an unfiltered one.
 */
final class QueryParameters {

  private final Map<String, List<String>> values;

  private QueryParameters(Map<String, List<String>> values) {
    this.values = values;
  }

  static QueryParameters parse(String rawQuery) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new QueryParameters(values);
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String rawName = equals < 0 ? pair : pair.substring(0, equals);
      String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        String name = PercentDecoding.queryUnescape(rawName);
        values
            .computeIfAbsent(name, k -> new ArrayList<>())
            .add(PercentDecoding.queryUnescape(rawValue));
      } catch (IllegalArgumentException e) {
        throw ApiProblem.badRequest("Invalid query string: " + e.getMessage());
      }
    }
    return new QueryParameters(values);
  }

  /** The first value of a parameter, if it was sent. */
  Optional<String> first(String name) {
    List<String> list = values.get(name);
    return list == null ? Optional.empty() : Optional.of(list.get(0));
  }

  /** Every value of a parameter, in the order sent; empty when it was not sent. */
  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }
}
