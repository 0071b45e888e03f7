package dev.sandbox4j.local.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The {@code X-Next-Token} cursor: base64url of {@code <startedAt ISO-8601>__<sandboxID>}, the sort
 * key of the last sandbox of the page, with an {@code __asc} suffix for ascending order (as the
 * real server marks it). A token continues only a listing in its own order.
 *
 * <p>Clients treat it as opaque. It holds a position, not a sandbox, so it stays valid while
 * sandboxes are created and killed between pages.
 */
final class PageCursor {

  private static final String SEPARATOR = "__";
  private static final String ASCENDING = "__asc";
  private static final Pattern SANDBOX_ID = Pattern.compile("[a-z0-9]+");

  private PageCursor() {}

  static String encode(SortKey key) {
    return encode(key, false);
  }

  static String encode(SortKey key, boolean ascending) {
    String plain = key.startedAt() + SEPARATOR + key.sandboxId() + (ascending ? ASCENDING : "");
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a newest-first token; anything this server did not produce is a 400. */
  static SortKey decode(String token) {
    return decode(token, false);
  }

  /** Decodes a token for a listing in this order; a token of the other order is a 400. */
  static SortKey decode(String token, boolean ascending) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (plain.endsWith(ASCENDING) != ascending) {
        throw invalid();
      }
      if (ascending) {
        plain = plain.substring(0, plain.length() - ASCENDING.length());
      }
      int separator = plain.lastIndexOf(SEPARATOR);
      if (separator < 0) {
        throw invalid();
      }
      String sandboxId = plain.substring(separator + SEPARATOR.length());
      if (!SANDBOX_ID.matcher(sandboxId).matches()) {
        throw invalid();
      }
      return new SortKey(Instant.parse(plain.substring(0, separator)), sandboxId);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw invalid();
    }
  }

  private static ApiProblem invalid() {
    return ApiProblem.badRequest("Invalid next token");
  }
}
