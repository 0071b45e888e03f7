package dev.sandbox4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every secret one client has seen (its API key and access token, each sandbox token it received,
 * any credential a later feature is handed) and the one place that scrubs them from text: exception
 * messages, causes, log lines, {@code toString()}. A client and its views share one; whatever
 * receives a secret from the server calls {@link #remember} before using it.
 *
 * <p>Servers and proxies echo secrets in altered forms, so matching ignores what commonly gets in
 * between or around their characters: percent-encoding, and line breaks or white space (literal, or
 * escaped as {@code \n}, {@code %0A}) inserted anywhere. Secrets shorter than {@value #MIN_LENGTH}
 * characters are not remembered: masking them would garble every text.
 */
public final class Secrets {
  static final String MASK = "[redacted]";
  static final int MIN_LENGTH = 4;

  /** okio and OkHttp quote raw bytes as hex ("content=6b65…"): never let those through. */
  private static final Pattern QUOTED_BYTES = Pattern.compile("(content=)[0-9a-fA-F]{8,}");

  private static final int MAX_CAUSES = 32;

  /** Remembered secrets in their normalized form, indexed by their first characters. */
  private final Map<String, List<String>> byPrefix = new ConcurrentHashMap<>();

  /** Remembers a secret; null, short and already known values are ignored. */
  public void remember(String secret) {
    if (secret == null) {
      return;
    }
    String normalized = Normalized.of(secret).text();
    if (normalized.length() < MIN_LENGTH) {
      return;
    }
    byPrefix.compute(
        normalized.substring(0, MIN_LENGTH),
        (prefix, known) -> {
          List<String> secrets = known == null ? new ArrayList<>() : new ArrayList<>(known);
          if (!secrets.contains(normalized)) {
            secrets.add(normalized);
          }
          return List.copyOf(secrets);
        });
  }

  /** Returns the text with every remembered secret, in any of its forms, masked (null: null). */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String unquoted = QUOTED_BYTES.matcher(text).replaceAll("$1" + MASK);
    if (byPrefix.isEmpty()) {
      return unquoted;
    }
    Normalized normalized = Normalized.of(unquoted);
    String norm = normalized.text();
    boolean[] masked = new boolean[unquoted.length()];
    boolean any = false;
    for (int i = 0; i + MIN_LENGTH <= norm.length(); i++) {
      List<String> candidates = byPrefix.get(norm.substring(i, i + MIN_LENGTH));
      if (candidates == null) {
        continue;
      }
      for (String secret : candidates) {
        if (norm.startsWith(secret, i)) {
          int from = normalized.start(i);
          int to = normalized.end(i + secret.length() - 1);
          for (int k = from; k < to; k++) {
            masked[k] = true;
          }
          any = true;
        }
      }
    }
    return any ? mask(unquoted, masked) : unquoted;
  }

  /**
   * Returns the throwable itself when no message in its cause chain holds a secret, else a copy of
   * the chain with every message redacted (each link keeps its class name and stack trace).
   */
  public Throwable scrub(Throwable thrown) {
    return leaks(thrown) ? copy(thrown, 0) : thrown;
  }

  private boolean leaks(Throwable thrown) {
    int depth = 0;
    for (Throwable t = thrown; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
      String message = t.getMessage();
      if (message != null && !redact(message).equals(message)) {
        return true;
      }
    }
    return false;
  }

  private Throwable copy(Throwable original, int depth) {
    Throwable cause = original.getCause();
    RedactedThrowable copy =
        new RedactedThrowable(
            original.getClass().getName(),
            redact(original.getMessage()),
            cause == null || cause == original || depth >= MAX_CAUSES
                ? null
                : copy(cause, depth + 1));
    copy.setStackTrace(original.getStackTrace());
    return copy;
  }

  private static String mask(String text, boolean[] masked) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (!masked[i]) {
        out.append(text.charAt(i));
      } else if (i == 0 || !masked[i - 1]) {
        out.append(MASK);
      }
    }
    return out.toString();
  }

  /** A link of a scrubbed cause chain: the original's class name and a redacted message. */
  static final class RedactedThrowable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String originalClass;

    RedactedThrowable(String originalClass, String message, Throwable cause) {
      super(message, cause);
      this.originalClass = originalClass;
    }

    @Override
    public String toString() {
      return originalClass + (getMessage() == null ? "" : ": " + getMessage());
    }
  }

  /**
   * Text with percent-encoding decoded and white space (literal, escaped or encoded) removed,
   * remembering where each of its characters came from in the original.
   */
  private static final class Normalized {
    private final StringBuilder text = new StringBuilder();
    private final List<int[]> origins = new ArrayList<>();

    static Normalized of(String original) {
      Normalized n = new Normalized();
      int i = 0;
      while (i < original.length()) {
        char c = original.charAt(i);
        int width = 1;
        char decoded = c;
        if (c == '%' && isHex(original, i + 1)) {
          decoded = (char) Integer.parseInt(original.substring(i + 1, i + 3), 16);
          width = 3;
        } else if (c == '\\'
            && i + 1 < original.length()
            && "rnt".indexOf(original.charAt(i + 1)) >= 0) {
          decoded = ' ';
          width = 2;
        }
        if (!Character.isWhitespace(decoded)) {
          n.text.append(decoded);
          n.origins.add(new int[] {i, i + width});
        }
        i += width;
      }
      return n;
    }

    private static boolean isHex(String s, int at) {
      return at + 1 < s.length()
          && Character.digit(s.charAt(at), 16) >= 0
          && Character.digit(s.charAt(at + 1), 16) >= 0;
    }

    String text() {
      return text.toString();
    }

    int start(int index) {
      return origins.get(index)[0];
    }

    int end(int index) {
      return origins.get(index)[1];
    }
  }
}
