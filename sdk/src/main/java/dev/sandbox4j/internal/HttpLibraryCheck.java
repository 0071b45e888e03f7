package dev.sandbox4j.internal;

import dev.sandbox4j.errors.SandboxConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.jar.Manifest;

/**
 * Checks, once per class loader, that the OkHttp and okio on the classpath are the ones the SDK was
 * built against (or newer within the same major version), so that a conflicting OkHttp 4 or okio
 * brought by another library is reported when the client is built, with both versions and the fix,
 * instead of as a {@code NoSuchMethodError} at the first request.
 *
 * <p>Maven does not see {@code okhttp} (4.x) and {@code okhttp-jvm} (5.x) as one library, so both
 * jars can land on the classpath, and its nearest-wins rule can pick an okio too old for OkHttp 5.
 * Everything here is read by name and reflection: this class must load and run whatever OkHttp is
 * present.
 */
public final class HttpLibraryCheck {
  private static final String OKHTTP_CLIENT_CLASS = "okhttp3/OkHttpClient.class";
  private static final String OKIO_CLASS = "okio/Okio.class";

  private static volatile boolean passed;

  private HttpLibraryCheck() {}

  /**
   * Throws when the OkHttp or okio on the classpath cannot run the SDK.
   *
   * @throws SandboxConfigurationException naming the versions found, the versions needed and the
   *     fix
   */
  public static void requireCompatible() {
    if (passed) {
      return;
    }
    String problem = problem(HttpLibraryCheck.class.getClassLoader());
    if (problem != null) {
      throw new SandboxConfigurationException(problem);
    }
    passed = true;
  }

  /** Returns what is wrong with the HTTP libraries seen by the loader, or null when nothing. */
  static String problem(ClassLoader loader) {
    Properties required = requiredVersions();
    String okhttpNeeded = required.getProperty("okhttp.version");
    String okioNeeded = required.getProperty("okio.version");
    String okhttp = okhttpVersion(loader);
    String okio = okioVersion(loader);
    List<String> okhttpJars = jarsHolding(loader, OKHTTP_CLIENT_CLASS);
    boolean okhttpFits = okhttp != null && compatible(okhttp, okhttpNeeded);
    boolean okioFits = okio == null ? hasOkioSocket(loader) : compatible(okio, okioNeeded);
    if (okhttpFits && okioFits && okhttpJars.size() <= 1) {
      return null;
    }
    StringBuilder message =
        new StringBuilder("sandbox4j needs OkHttp ")
            .append(okhttpNeeded)
            .append(" and okio ")
            .append(okioNeeded)
            .append(" (or newer of the same major version), but the classpath has ");
    boolean wrongVersions = !okhttpFits || !okioFits;
    if (wrongVersions) {
      message
          .append("OkHttp ")
          .append(okhttp == null ? "(none)" : okhttp)
          .append(" and okio ")
          .append(okio == null ? "(unknown version)" : okio);
    }
    if (okhttpJars.size() > 1) {
      message
          .append(wrongVersions ? ", from " : "")
          .append(okhttpJars.size())
          .append(" OkHttp jars ")
          .append(okhttpJars);
    }
    return message
        .append(". Another dependency brings an older com.squareup.okhttp3:okhttp or okio: import")
        .append(" dev.sandbox4j:sandbox4j-bom (or manage com.squareup.okhttp3:okhttp-jvm ")
        .append(okhttpNeeded)
        .append(" and com.squareup.okio:okio-jvm ")
        .append(okioNeeded)
        .append(") and drop any explicit okhttp 4.x dependency")
        .toString();
  }

  private static Properties requiredVersions() {
    try (InputStream in = HttpLibraryCheck.class.getResourceAsStream("sdk-version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code okhttp3.OkHttp.VERSION}, read reflectively: a compiled-in constant would be ours. */
  private static String okhttpVersion(ClassLoader loader) {
    try {
      return (String) Class.forName("okhttp3.OkHttp", false, loader).getField("VERSION").get(null);
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      return null;
    }
  }

  /** okio has no version constant; its jar's manifest carries one (Bundle-Version). */
  private static String okioVersion(ClassLoader loader) {
    URL resource = loader.getResource(OKIO_CLASS);
    if (resource == null) {
      return null;
    }
    try {
      URLConnection connection = resource.openConnection();
      if (!(connection instanceof JarURLConnection jar)) {
        return null;
      }
      jar.setUseCaches(false);
      Manifest manifest = jar.getManifest();
      return manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-Version");
    } catch (IOException e) {
      return null;
    }
  }

  /** For an okio without a version in its manifest (repackaged): the call OkHttp 5 makes. */
  private static boolean hasOkioSocket(ClassLoader loader) {
    try {
      Class.forName("okio.Okio", false, loader).getMethod("socket", java.net.Socket.class);
      return true;
    } catch (ReflectiveOperationException | LinkageError e) {
      return false;
    }
  }

  private static List<String> jarsHolding(ClassLoader loader, String resource) {
    List<String> jars = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(resource))) {
        String path = url.getPath();
        int bang = path.indexOf("!/");
        String location = bang < 0 ? path : path.substring(0, bang);
        jars.add(location.substring(location.lastIndexOf('/') + 1));
      }
    } catch (IOException e) {
      // Unreadable class path entries: judge by the versions alone.
    }
    return jars;
  }

  /** Same major version and at least the needed one, comparing numeric parts. */
  static boolean compatible(String found, String needed) {
    int[] have = numbers(found);
    int[] want = numbers(needed);
    if (have[0] != want[0]) {
      return false;
    }
    for (int i = 1; i < want.length; i++) {
      if (have[i] != want[i]) {
        return have[i] > want[i];
      }
    }
    return true;
  }

  private static int[] numbers(String version) {
    int[] parts = new int[3];
    String[] pieces = version.split("[.-]", 4);
    for (int i = 0; i < 3 && i < pieces.length; i++) {
      String digits = pieces[i].replaceAll("\\D.*", "");
      parts[i] = digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }
    return parts;
  }
}
