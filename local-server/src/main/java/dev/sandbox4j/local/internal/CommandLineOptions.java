package dev.sandbox4j.local.internal;

import dev.sandbox4j.local.LocalSandboxServer;
import java.util.List;

/**
 * The standalone server's command line: {@code [--host HOST] [--port PORT] [--api-key KEY]
 * [--version] [--help]}, each option also accepted as {@code --name=value}.
 *
 * @param host the address to listen on (127.0.0.1 unless given)
 * @param port the port (0 picks a free one)
 * @param apiKey the API key clients must send
 * @param help whether only the usage was asked for
 * @param version whether only the version was asked for
 */
record CommandLineOptions(String host, int port, String apiKey, boolean help, boolean version) {

  static final int DEFAULT_PORT = 3000;

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: java -jar sandbox4j-local-server.jar [--host HOST] [--port PORT] [--api-key KEY]",
          "",
          "Runs an emulator of the Novita Sandbox API until stopped (Ctrl-C).",
          "",
          "  --host HOST     address to listen on (default " + LoopbackHttpServer.LOOPBACK
              + ", this machine only; 0.0.0.0 for clients in containers, on a trusted network)",
          "  --port PORT     port to listen on, 0-65535 (default " + DEFAULT_PORT
              + ", where the official SDKs go when NOVITA_DEBUG=true; 0 picks a free port)",
          "  --api-key KEY   API key clients must send in X-API-Key (default "
              + LocalSandboxServer.DEFAULT_API_KEY + ")",
          "  --version       print the version and exit",
          "  --help          print this help and exit");

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
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        return new CommandLineOptions(host, port, apiKey, true, false);
      }
      if (arg.equals("--version")) {
        return new CommandLineOptions(host, port, apiKey, false, true);
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new UsageException(name.startsWith("--") && isOption(name)
            ? "option " + name + " needs a value"
            : "unknown argument: " + arg);
      }
      switch (name) {
        case "--host" -> host = host(value);
        case "--port" -> port = port(value);
        case "--api-key" -> apiKey = apiKey(value);
        default -> throw new UsageException("unknown argument: " + arg);
      }
    }
    return new CommandLineOptions(host, port, apiKey, false, false);
  }

  private static boolean isOption(String name) {
    return name.equals("--host") || name.equals("--port") || name.equals("--api-key");
  }

  private static String host(String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException("--host must not be empty");
    }
    return value;
  }

  private static int port(String value) throws UsageException {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value
    }
    throw new UsageException("--port must be a number from 0 to 65535, got '" + value + "'");
  }

  private static String apiKey(String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException("--api-key must not be empty");
    }
    return value;
  }
}
