package dev.sandbox4j.local.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The local server's version, filtered into a resource by the build ({@code --version}). */
final class LocalServerVersion {
  /** The version, such as {@code 0.1.0-SNAPSHOT}, or {@code unknown} outside a built jar. */
  static final String VERSION = load();

  private LocalServerVersion() {}

  private static String load() {
    try (InputStream in =
        LocalServerVersion.class.getResourceAsStream("local-server-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
