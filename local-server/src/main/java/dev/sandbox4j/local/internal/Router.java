package dev.sandbox4j.local.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Maps a method and raw path to an {@link Operation}, or to the error the real server gives.
 *
 * <ul>
 *   <li>unknown path: 404; known path, other method: 405 with an {@code Allow} header;
 *   <li>a known path with a trailing slash: a redirect to the path without it (301 for GET, 307
 *       otherwise), as the real server's router does;
 *   <li>a sandbox ID that is not {@code ^[a-z0-9]+$} (after dropping one legacy {@code -clientID}
 *       suffix; a second {@code -} is refused): 400.
 * </ul>
 *
 * <p>Paths are matched segment by segment on the raw (still encoded) path and only the ID segment
 * is decoded, so an encoded {@code /} inside an ID cannot change the route.
 */
final class Router {

  private static final String ID = "{sandboxID}";
  private static final Pattern SANDBOX_ID = Pattern.compile("[a-z0-9]+");

  /** A path shape and the operation for each method it accepts. */
  private record Template(List<String> segments, Map<String, Operation> byMethod) {

    boolean matches(String[] path) {
      if (path.length != segments.size()) {
        return false;
      }
      for (int i = 0; i < path.length; i++) {
        String expected = segments.get(i);
        if (expected.equals(ID) ? path[i].isEmpty() : !expected.equals(path[i])) {
          return false;
        }
      }
      return true;
    }

    int idIndex() {
      return segments.indexOf(ID);
    }
  }

  private static final List<Template> TEMPLATES =
      List.of(
          template(
              "v2/sandboxes",
              Map.of("GET", Operation.LIST_SANDBOXES, "POST", Operation.CREATE_SANDBOX_V2)),
          template("v2/sandboxes/" + ID + "/connect", Map.of("POST", Operation.CONNECT_SANDBOX_V2)),
          template("sandboxes/" + ID + "/metrics", Map.of("GET", Operation.GET_SANDBOX_METRICS)),
          template("sandboxes", Map.of("POST", Operation.CREATE_SANDBOX)),
          template(
              "sandboxes/" + ID,
              Map.of("GET", Operation.GET_SANDBOX, "DELETE", Operation.KILL_SANDBOX)),
          template("sandboxes/" + ID + "/connect", Map.of("POST", Operation.CONNECT_SANDBOX)),
          template("sandboxes/" + ID + "/pause", Map.of("POST", Operation.PAUSE_SANDBOX)),
          template("sandboxes/" + ID + "/timeout", Map.of("POST", Operation.SET_SANDBOX_TIMEOUT)));

  private Router() {}

  /** Routes a request or throws the {@link ApiProblem} that answers it. */
  static Route route(String method, String rawPath, String rawQuery) {
    Optional<Template> template = find(rawPath);
    if (template.isEmpty()) {
      throw redirectOrNotFound(method, rawPath, rawQuery);
    }
    Operation operation = template.get().byMethod().get(method);
    if (operation == null) {
      throw new ApiProblem(
          405,
          "Method " + method + " is not allowed on " + rawPath,
          Map.of("Allow", String.join(", ", new TreeSet<>(template.get().byMethod().keySet()))));
    }
    int idIndex = template.get().idIndex();
    String sandboxId = idIndex < 0 ? null : sandboxId(segments(rawPath)[idIndex]);
    return new Route(operation, sandboxId);
  }

  private static ApiProblem redirectOrNotFound(String method, String rawPath, String rawQuery) {
    if (rawPath.length() > 1 && rawPath.endsWith("/")) {
      String withoutSlash = rawPath.substring(0, rawPath.length() - 1);
      if (find(withoutSlash).isPresent()) {
        String location = rawQuery.isEmpty() ? withoutSlash : withoutSlash + "?" + rawQuery;
        int status = "GET".equals(method) ? 301 : 307;
        return new ApiProblem(status, "Moved to " + withoutSlash, Map.of("Location", location));
      }
    }
    return ApiProblem.notFound("Not found: " + rawPath);
  }

  private static Optional<Template> find(String rawPath) {
    String[] path = segments(rawPath);
    return TEMPLATES.stream().filter(t -> t.matches(path)).findFirst();
  }

  /** The path's segments; a trailing empty segment is kept so "/a/" never matches "/a". */
  private static String[] segments(String rawPath) {
    String relative = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    return relative.split("/", -1);
  }

  private static String sandboxId(String rawSegment) {
    String decoded;
    try {
      decoded = PercentDecoding.pathUnescape(rawSegment);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("Invalid sandbox ID: " + e.getMessage());
    }
    // Legacy clients append "-<clientID>" to the ID; the server ignores that one suffix, and
    // refuses an ID with more than one.
    int dash = decoded.indexOf('-');
    String id = dash < 0 ? decoded : decoded.substring(0, dash);
    if (!SANDBOX_ID.matcher(id).matches() || dash >= 0 && decoded.indexOf('-', dash + 1) >= 0) {
      throw ApiProblem.badRequest("Invalid sandbox ID: " + decoded);
    }
    return id;
  }

  private static Template template(String path, Map<String, Operation> byMethod) {
    return new Template(List.of(path.split("/")), byMethod);
  }
}
