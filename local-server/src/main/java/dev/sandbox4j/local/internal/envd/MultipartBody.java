package dev.sandbox4j.local.internal.envd;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the parts of a {@code multipart/form-data} body already written to a file, without copying
 * it into memory: each part's name, its raw {@code filename} (envd takes it verbatim, directories
 * included), and where its content lies in the file.
 */
final class MultipartBody {

  /** One part: its content is bytes {@code [start, end)} of the file. */
  record Part(String name, Optional<String> filename, long start, long end) {}

  private static final int MAX_PART_HEADER_BYTES = 64 * 1024;

  private MultipartBody() {}

  static List<Part> parts(Path file, String boundary) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new HttpError(
            413, "a multipart upload is limited to 2 GiB; use application/octet-stream");
      }
      MappedByteBuffer body = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
      byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
      int at = indexOf(body, delimiter, 0);
      if (at < 0) {
        throw new HttpError(400, "malformed multipart body: no boundary");
      }
      List<Part> parts = new ArrayList<>();
      int position = at + delimiter.length;
      while (true) {
        if (startsWith(body, position, "--")) {
          return parts; // closing delimiter
        }
        if (!startsWith(body, position, "\r\n")) {
          throw new HttpError(400, "malformed multipart body");
        }
        int headersStart = position + 2;
        int headersEnd =
            indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
        if (headersEnd < 0) {
          throw new HttpError(400, "malformed multipart body: part headers never end");
        }
        if (headersEnd - headersStart > MAX_PART_HEADER_BYTES) {
          throw new HttpError(400, "malformed multipart body: part headers over 64 KiB");
        }
        byte[] headerBytes = new byte[headersEnd - headersStart];
        body.get(headersStart, headerBytes);
        String headers = new String(headerBytes, StandardCharsets.UTF_8);
        int contentStart = headersEnd + 4;
        int contentEnd = indexOf(body, nextDelimiter, contentStart);
        if (contentEnd < 0) {
          throw new HttpError(400, "malformed multipart body: a part never ends");
        }
        parts.add(
            new Part(
                parameter(headers, "name").orElse(""),
                parameter(headers, "filename"),
                contentStart,
                contentEnd));
        position = contentEnd + nextDelimiter.length;
      }
    }
  }

  /** A {@code Content-Disposition} parameter, taken raw between its quotes (as envd does). */
  private static Optional<String> parameter(String headers, String name) {
    for (String line : headers.split("\r\n")) {
      if (!line.regionMatches(true, 0, "content-disposition:", 0, 20)) {
        continue;
      }
      String key = "; " + name + "=\"";
      int start = line.indexOf(key);
      if (start < 0) {
        key = ";" + name + "=\"";
        start = line.indexOf(key);
      }
      if (start < 0) {
        return Optional.empty();
      }
      int valueStart = start + key.length();
      int valueEnd = line.indexOf('"', valueStart);
      return Optional.of(
          valueEnd < 0 ? line.substring(valueStart) : line.substring(valueStart, valueEnd));
    }
    return Optional.empty();
  }

  private static boolean startsWith(MappedByteBuffer body, int at, String text) {
    if (at + text.length() > body.limit()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (body.get(at + i) != (byte) text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(MappedByteBuffer body, byte[] pattern, int from) {
    int last = body.limit() - pattern.length;
    byte first = pattern[0];
    outer:
    for (int i = from; i <= last; i++) {
      if (body.get(i) != first) {
        continue;
      }
      for (int j = 1; j < pattern.length; j++) {
        if (body.get(i + j) != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
