package dev.sandbox4j.local.internal.interpreter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A language the local code interpreter runs, with the kernel driver that runs it. */
enum KernelLanguage {
  PYTHON("python", "python_kernel.py") {
    @Override
    List<String> argv(String interpreter) {
      return List.of(interpreter, "-u", "-c", driver());
    }
  },
  /**
   * Node, started through bash, which moves the protocol to fds 3 and 4 so that programs the code
   * starts (they inherit fds 0 to 2) cannot read or write it; an absent node makes bash exit 127
   * with "node: not found".
   */
  JAVASCRIPT("javascript", "node_kernel.js") {
    @Override
    List<String> argv(String interpreter) {
      return List.of(
          "bash",
          "-c",
          "exec 3>&1 4<&0 1>&2 0</dev/null; exec \"$0\" -e \"$1\"",
          interpreter,
          driver());
    }
  };

  /**
   * True if the driver marks the end of an execution on its stderr (see {@link Kernel#SYNC_MARK}):
   * node cannot capture what its children write, which reaches the kernel's stderr directly.
   */
  boolean syncsThroughStderr() {
    return this == JAVASCRIPT;
  }

  /** Variables every kernel gets: UTF-8 I/O, and a matplotlib that renders without a display. */
  static final Map<String, String> KERNEL_ENV =
      Map.of("PYTHONUNBUFFERED", "1", "PYTHONIOENCODING", "utf-8", "MPLBACKEND", "Agg");

  private final String wireName;
  private final String driverResource;
  private volatile String driver;

  KernelLanguage(String wireName, String driverResource) {
    this.wireName = wireName;
    this.driverResource = driverResource;
  }

  /** The command line that runs this language's driver with the given interpreter program. */
  abstract List<String> argv(String interpreter);

  /** The name the wire uses ({@code python}, {@code javascript}). */
  String wireName() {
    return wireName;
  }

  /**
   * The language a request names, normalised as the real server does: trimmed, lower-cased, {@code
   * js} for javascript; empty when this server has no kernel for it.
   */
  static Optional<KernelLanguage> parse(String name) {
    String normalised = name.trim().toLowerCase(Locale.ROOT);
    if (normalised.equals("js")) {
      normalised = "javascript";
    }
    for (KernelLanguage language : values()) {
      if (language.wireName.equals(normalised)) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }

  /** The error text for a language this server cannot run. */
  static String unsupported(String name) {
    return "The local code interpreter has no kernel for language '"
        + name.trim()
        + "' (supported: python, javascript/js)";
  }

  /** The driver script, read once from the classpath. */
  String driver() {
    String source = driver;
    if (source == null) {
      try (InputStream in = KernelLanguage.class.getResourceAsStream(driverResource)) {
        if (in == null) {
          throw new IllegalStateException("Missing resource " + driverResource);
        }
        source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      driver = source;
    }
    return source;
  }
}
