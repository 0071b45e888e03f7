package dev.sandbox4j.local.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The {@code X-Next-Token} cursor: base64url of {@code <startedAt ISO-8601>__<sandboxID>}, the
 * sort key of the last sandbox of the page.
 *
 * <p>Clients treat it as opaque. It holds a position, not a sandbox, so it stays valid while
 * sandboxes are created and killed between pages.
 */
final class PageCursor {

  private static final String SEPARATOR = "__";
  private static final Pattern SANDBOX_ID = Pattern.compile("[a-z0-9]+");

  private PageCursor() {}

  static String encode(SortKey key) {
    String plain = key.startedAt() + SEPARATOR + key.sandboxId();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a token; anything this server did not produce is a 400. */
  static SortKey decode(String token) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
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
