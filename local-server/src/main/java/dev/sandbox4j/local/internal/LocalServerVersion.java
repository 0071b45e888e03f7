package dev.sandbox4j.local.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The local server's version, filtered into a resource by the build ({@code --version}). */
final class LocalServerVersion {
  /** The version, such as {@code 0.1.0-SNAPSHOT}, or {@code unknown} outside a built jar. */
  static final String VERSION = load();

  private LocalServerVersion() {}

  private static String load() {
    try (InputStream in =
        LocalServerVersion.class.getResourceAsStream("local-server-version.txt")) {
      return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
