package dev.sandbox4j.local.internal;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The request line and headers of one HTTP/1.x request, parsed strictly.
 *
 * <p>Anything a well-behaved client never sends is refused with {@link Malformed} (answered 400, or
 * 431 when the head is too large), before a handler thread is involved: a request target that is
 * not a URI, a header without a colon, a folded header line, a {@code Transfer-Encoding} other than
 * {@code chunked}, a {@code Content-Length} that is not a number or that contradicts another, and
 * both framing headers at once (the request-smuggling ambiguity).
 */
final class RequestHead {

  /** The most bytes a request line and its headers may take. */
  static final int MAX_BYTES = 64 * 1024;

  /** The most header lines a request may have. */
  static final int MAX_HEADERS = 200;

  /** A request head that cannot be served: the status and plain-text reason to answer with. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Malformed(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }
  }

  final String method;
  final URI uri;
  final String protocol;
  final Headers headers;

  /** The declared body length; empty for a chunked body. */
  final OptionalLong contentLength;

  final boolean chunked;
  final boolean keepAlive;
  final boolean expectsContinue;

  private RequestHead(String method, URI uri, String protocol, Headers headers) throws Malformed {
    this.method = method;
    this.uri = uri;
    this.protocol = protocol;
    this.headers = headers;
    List<String> encodings = headers.get("Transfer-Encoding");
    List<String> lengths = headers.get("Content-Length");
    if (encodings != null) {
      if (encodings.size() != 1 || !encodings.get(0).trim().equalsIgnoreCase("chunked")) {
        throw new Malformed(
            400, "Unsupported Transfer-Encoding " + encodings + ": only chunked is accepted");
      }
      if (lengths != null) {
        throw new Malformed(400, "Both Transfer-Encoding and Content-Length were sent");
      }
    }
    this.chunked = encodings != null;
    this.contentLength = chunked ? OptionalLong.empty() : OptionalLong.of(length(lengths));
    String connection = String.valueOf(headers.getFirst("Connection")).toLowerCase(Locale.ROOT);
    this.keepAlive =
        protocol.equals("HTTP/1.1")
            ? !connection.contains("close")
            : connection.contains("keep-alive");
    this.expectsContinue = "100-continue".equalsIgnoreCase(headers.getFirst("Expect"));
  }

  /** Parses {@code bytes[0..length)}, which hold a whole head up to (without) its blank line. */
  static RequestHead parse(byte[] bytes, int length) throws Malformed {
    String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r?\n", -1);
    String[] requestLine = lines[0].split(" ", -1);
    if (requestLine.length != 3 || !isToken(requestLine[0])) {
      throw new Malformed(400, "Malformed request line");
    }
    String protocol = requestLine[2];
    if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
      throw new Malformed(
          400, "Unsupported protocol " + printable(protocol) + ": only HTTP/1.1 is served");
    }
    if (lines.length - 1 > MAX_HEADERS) {
      throw new Malformed(431, "More than " + MAX_HEADERS + " request headers");
    }
    Headers headers = new Headers();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int colon = line.indexOf(':');
      if (colon <= 0 || !isToken(line.substring(0, colon))) {
        throw new Malformed(400, "Malformed header line " + (i + 1));
      }
      headers.add(line.substring(0, colon), line.substring(colon + 1).trim());
    }
    return new RequestHead(requestLine[0], target(requestLine[1]), protocol, headers);
  }

  private static URI target(String text) throws Malformed {
    try {
      if (text.startsWith("//")) { // a path, not an authority: parse it as one
        return new URI("http://localhost" + text);
      }
      URI uri = new URI(text);
      if (uri.getRawPath() == null || !(uri.getRawPath().startsWith("/") || text.equals("*"))) {
        throw new Malformed(400, "Malformed request target");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new Malformed(400, "Malformed request target: " + e.getReason());
    }
  }

  private static long length(List<String> values) throws Malformed {
    if (values == null) {
      return 0;
    }
    long length = -1;
    for (String value : values) {
      String digits = value.trim();
      if (digits.isEmpty()
          || digits.length() > 18
          || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new Malformed(400, "Malformed Content-Length " + printable(value));
      }
      long parsed = Long.parseLong(digits);
      if (length >= 0 && parsed != length) {
        throw new Malformed(400, "Conflicting Content-Length headers");
      }
      length = parsed;
    }
    return length;
  }

  private static boolean isToken(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static String printable(String text) {
    String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return "'" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'";
  }
}
