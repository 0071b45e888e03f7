package dev.sandbox4j.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends one hand-written HTTP/1.1 request over a fresh socket and reads until the server closes it:
 * for requests no HTTP client would send, and to see a dropped connection as exactly that.
 */
final class RawHttp {

  private RawHttp() {}

  /**
   * Sends {@code requestLine}, the headers and the body with {@code Connection: close}; returns
   * everything the server sent back, or {@code ""} when it closed without answering.
   */
  static String exchange(int port, String requestLine, String headers, String body) {
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        requestLine
            + "\r\nHost: 127.0.0.1:"
            + port
            + "\r\nConnection: close\r\n"
            + headers
            + (bodyBytes.length > 0 ? "Content-Length: " + bodyBytes.length + "\r\n" : "")
            + "\r\n";
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(bodyBytes);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      return response.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status code of a raw response, or 0 when there was no response. */
  static int status(String response) {
    if (response.isEmpty()) {
      return 0;
    }
    return Integer.parseInt(response.substring(9, 12));
  }

  /** The body of a raw response (everything after the blank line). */
  static String body(String response) {
    int blank = response.indexOf("\r\n\r\n");
    return blank < 0 ? "" : response.substring(blank + 4);
  }
}
