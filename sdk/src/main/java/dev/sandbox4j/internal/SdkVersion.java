package dev.sandbox4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The SDK's own version, filtered into a resource by the build. */
final class SdkVersion {
  /** The version of this SDK, e.g. {@code 0.1.0-SNAPSHOT}. */
  static final String VERSION = load();

  private SdkVersion() {}

  private static String load() {
    try (InputStream in = SdkVersion.class.getResourceAsStream("sdk-version.properties")) {
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

  /** Returns the User-Agent sandbox4j sends: {@code sandbox4j/<version> (java/<runtime>)}. */
  static String userAgent() {
    return "sandbox4j/" + VERSION + " (java/" + System.getProperty("java.version") + ")";
  }
}
