package dev.sandbox4j.local.internal;

import dev.sandbox4j.local.Isolation;
import dev.sandbox4j.local.LocalSandboxServer;
import dev.sandbox4j.local.internal.runtime.RuntimeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The standalone server's command line: {@code [--host HOST] [--port PORT] [--api-key KEY]
 * [--template ALIAS]... [--max-lifetime SECONDS] [--isolation MODE] [--disk-quota-mb MB]
 * [--version] [--help]}, each option also accepted as {@code --name=value}.
 *
 * @param host the address to listen on (127.0.0.1 unless given)
 * @param port the port (0 picks a free one)
 * @param apiKey the API key clients must send
 * @param templates the template aliases creates may name (empty: the defaults)
 * @param maxLifetimeSeconds the longest sandbox lifetime
 * @param help whether only the usage was asked for
 * @param version whether only the version was asked for
 * @param isolation how sandbox commands are confined
 * @param diskQuotaBytes each sandbox's disk quota
 */
record CommandLineOptions(
    String host,
    int port,
    String apiKey,
    List<String> templates,
    long maxLifetimeSeconds,
    boolean help,
    boolean version,
    Isolation isolation,
    long diskQuotaBytes) {

  static final int DEFAULT_PORT = 3000;
  static final long DEFAULT_MAX_LIFETIME_SECONDS = SandboxApi.DEFAULT_MAX_LIFETIME.toSeconds();

  CommandLineOptions(String host, int port, String apiKey, boolean help, boolean version) {
    this(
        host,
        port,
        apiKey,
        List.of(),
        DEFAULT_MAX_LIFETIME_SECONDS,
        help,
        version,
        Isolation.AUTO,
        RuntimeOptions.DEFAULT_DISK_QUOTA_BYTES);
  }

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: java -jar sandbox4j-local-server.jar [--host HOST] [--port PORT] [--api-key KEY]",
          "       [--template ALIAS]... [--max-lifetime SECONDS] [--isolation auto|bwrap|none]",
          "       [--disk-quota-mb MB] [--version]",
          "",
          "Runs a local Novita Sandbox server until stopped (Ctrl-C): the API, and",
          "commands and files inside sandboxes, on this machine.",
          "",
          "  --host HOST     address to listen on (default "
              + LoopbackHttpServer.LOOPBACK
              + ", this machine only; 0.0.0.0 for clients in containers, on a trusted network)",
          "  --port PORT     port to listen on, 0-65535 (default "
              + DEFAULT_PORT
              + "; 0 picks a free port)",
          "  --api-key KEY   API key clients must send in X-API-Key (default "
              + LocalSandboxServer.DEFAULT_API_KEY
              + ")",
          "  --isolation M   auto (default): bubblewrap when it works, else none; bwrap: required;",
          "                  none: commands run unisolated as the current user",
          "  --disk-quota-mb MB  most MiB of files per sandbox before uploads get 507 (default "
              + (RuntimeOptions.DEFAULT_DISK_QUOTA_BYTES >> 20)
              + ")",
          "  --template ALIAS  a template creates may name, repeatable (default: "
              + String.join(", ", TemplateCatalog.DEFAULT_ALIASES)
              + "); others get 404",
          "  --max-lifetime SECONDS  longest sandbox lifetime (default "
              + DEFAULT_MAX_LIFETIME_SECONDS
              + " = 24 h): a create over it gets 400, set-timeout and connect are capped",
          "  --version       print the version and exit",
          "  --help          print this help and exit",
          "",
          "Point an SDK at it with NOVITA_API_URL=http://127.0.0.1:PORT, NOVITA_SANDBOX_URL=(the same)",
          "and NOVITA_API_KEY=KEY.",
          "Do not use NOVITA_DEBUG=true: in that mode the official JS SDK fakes create and kill",
          "without sending any request.");

  /** Thrown for a command line that cannot be run; the message says what is wrong. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static CommandLineOptions parse(List<String> args) throws UsageException {
    String host = LoopbackHttpServer.LOOPBACK;
    int port = DEFAULT_PORT;
    String apiKey = LocalSandboxServer.DEFAULT_API_KEY;
    List<String> templates = new ArrayList<>();
    long maxLifetime = DEFAULT_MAX_LIFETIME_SECONDS;
    Isolation isolation = Isolation.AUTO;
    long diskQuotaBytes = RuntimeOptions.DEFAULT_DISK_QUOTA_BYTES;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        return new CommandLineOptions(
            host,
            port,
            apiKey,
            List.copyOf(templates),
            maxLifetime,
            true,
            false,
            isolation,
            diskQuotaBytes);
      }
      if (arg.equals("--version")) {
        return new CommandLineOptions(
            host,
            port,
            apiKey,
            List.copyOf(templates),
            maxLifetime,
            false,
            true,
            isolation,
            diskQuotaBytes);
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new UsageException(
            name.startsWith("--") && isOption(name)
                ? "option " + name + " needs a value"
                : "unknown argument: " + arg);
      }
      switch (name) {
        case "--host" -> host = host(value);
        case "--port" -> port = port(value);
        case "--api-key" -> apiKey = apiKey(value);
        case "--isolation" -> isolation = isolation(value);
        case "--disk-quota-mb" -> diskQuotaBytes = diskQuotaMb(value) << 20;
        case "--template" -> templates.add(template(value));
        case "--max-lifetime" -> maxLifetime = maxLifetime(value);
        default -> throw new UsageException("unknown argument: " + arg);
      }
    }
    return new CommandLineOptions(
        host,
        port,
        apiKey,
        List.copyOf(templates),
        maxLifetime,
        false,
        false,
        isolation,
        diskQuotaBytes);
  }

  private static boolean isOption(String name) {
    return List.of(
            "--host",
            "--port",
            "--api-key",
            "--template",
            "--max-lifetime",
            "--isolation",
            "--disk-quota-mb")
        .contains(name);
  }

  private static Isolation isolation(String value) throws UsageException {
    try {
      return Isolation.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--isolation must be auto, bwrap or none, got '" + value + "'");
    }
  }

  private static long diskQuotaMb(String value) throws UsageException {
    return number(value, 1, 1L << 30, "--disk-quota-mb must be a positive number of MiB");
  }

  private static String host(String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException("--host must not be empty");
    }
    return value;
  }

  private static int port(String value) throws UsageException {
    return (int) number(value, 0, 65_535, "--port must be a number from 0 to 65535");
  }

  private static long maxLifetime(String value) throws UsageException {
    return number(
        value,
        1,
        Integer.MAX_VALUE,
        "--max-lifetime must be a number of seconds from 1 to 2147483647");
  }

  /**
   * Parses a whole number from {@code min} to {@code max}; otherwise {@code rule}, with the value.
   */
  private static long number(String value, long min, long max, String rule) throws UsageException {
    try {
      long number = Long.parseLong(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value
    }
    throw new UsageException(rule + ", got '" + value + "'");
  }

  private static String template(String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException("--template must not be empty");
    }
    return value;
  }

  private static String apiKey(String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException("--api-key must not be empty");
    }
    return value;
  }
}
