package dev.sandbox4j.local;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The isolation modes the data-plane tests run in: {@link Isolation#NONE} always, and {@link
 * Isolation#BWRAP} where bubblewrap works (CI installs it). One server per mode per test class,
 * closed by {@link #close()}.
 */
final class IsolationModes implements AutoCloseable {

  private static volatile List<Isolation> available;

  private final Map<Isolation, LocalSandboxServer> servers = new EnumMap<>(Isolation.class);
  private final LocalSandboxServer.Builder template;

  IsolationModes(LocalSandboxServer.Builder template) {
    this.template = template;
  }

  /** The modes this machine can run; says so once when bubblewrap is missing. */
  static List<Isolation> available() {
    if (available == null) {
      try (LocalSandboxServer probe = LocalSandboxServer.builder().build().start()) {
        if (probe.isolation() == Isolation.BWRAP) {
          available = List.of(Isolation.BWRAP, Isolation.NONE);
        } else {
          System.out.println(
              "NOTE: bubblewrap (bwrap) does not work on this machine: the data-plane tests run in"
                  + " isolation mode 'none' only; install the 'bubblewrap' package to test both"
                  + " modes.");
          available = List.of(Isolation.NONE);
        }
      }
    }
    return available;
  }

  synchronized LocalSandboxServer server(Isolation mode) {
    return servers.computeIfAbsent(mode, m -> template.isolation(m).build().start());
  }

  @Override
  public synchronized void close() {
    servers.values().forEach(LocalSandboxServer::close);
    servers.clear();
  }
}
