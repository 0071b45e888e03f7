package dev.sandbox4j.junit;

import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.local.LocalSandboxServer;
import dev.sandbox4j.local.LocalSandboxServerExtension;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs a {@link LocalSandboxServer} and injects it, and a ready {@link
 * SandboxClient} pointed at it, as parameters (of test methods, lifecycle methods and
 * constructors).
 *
 * <pre>{@code
 * @ExtendWith(LocalSandboxExtension.class)
 * class MyServiceTest {
 *   @Test
 *   void createsASandbox(SandboxClient client, LocalSandboxServer server) { ... }
 * }
 *
 * // One server for every test class that registers this instance:
 * @RegisterExtension
 * static final LocalSandboxExtension LOCAL = LocalSandboxExtension.sharedAcrossClasses();
 * }</pre>
 *
 * <p>By default the server's lifecycle is {@link LocalSandboxServerExtension}'s: one server per
 * test class, reset before every test. {@link #sharedAcrossClasses()} starts one server for the
 * whole test run instead (closed when JUnit ends), still reset before every test, so test classes
 * using it must not run concurrently. A client is made per context that asks for one (a test, or a
 * class for constructor and {@code @BeforeAll} parameters) and closed after it; it is isolated from
 * {@code NOVITA_*} environment variables ({@link LocalSandboxes#client}).
 */
public final class LocalSandboxExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalSandboxExtension.class);
  private static final String CLIENT = "client";

  /** Per-class servers; null when the server is shared across classes. */
  private final LocalSandboxServerExtension perClass;

  /** The shared server's configuration; null for per-class servers. */
  private final LocalSandboxServer.Config shared;

  /** Creates the extension with a per-class server of the default configuration. */
  public LocalSandboxExtension() {
    this(LocalSandboxServer.builder().build());
  }

  /**
   * Creates the extension with a per-class server of the given configuration.
   *
   * @param config the server configuration
   */
  public LocalSandboxExtension(LocalSandboxServer.Config config) {
    this(new LocalSandboxServerExtension(Objects.requireNonNull(config, "config")), null);
  }

  private LocalSandboxExtension(
      LocalSandboxServerExtension perClass, LocalSandboxServer.Config shared) {
    this.perClass = perClass;
    this.shared = shared;
  }

  /**
   * Returns an extension whose server, of the default configuration, is started once and shared by
   * every test class that registers it, until the end of the test run.
   *
   * @return the extension; keep it in a {@code static final} field
   */
  public static LocalSandboxExtension sharedAcrossClasses() {
    return sharedAcrossClasses(LocalSandboxServer.builder().build());
  }

  /**
   * Returns an extension whose server, of the given configuration, is started once and shared by
   * every test class that registers an extension with an equal key (the same {@code Config}
   * instance), until the end of the test run.
   *
   * @param config the server configuration
   * @return the extension; keep it in a {@code static final} field
   */
  public static LocalSandboxExtension sharedAcrossClasses(LocalSandboxServer.Config config) {
    return new LocalSandboxExtension(null, Objects.requireNonNull(config, "config"));
  }

  /** Starts the class's server (per-class mode) or the shared one if not yet running. */
  @Override
  public void beforeAll(ExtensionContext context) {
    if (perClass != null) {
      perClass.beforeAll(context);
    } else {
      sharedServer(context);
    }
  }

  /** Closes the class's client; a per-class server is closed with the class's extension store. */
  @Override
  public void afterAll(ExtensionContext context) {
    closeOwnClient(context); // a per-class server is closed by its extension's store
  }

  /** Resets the server so that every test starts with no sandboxes, faults or logged requests. */
  @Override
  public void beforeEach(ExtensionContext context) {
    if (perClass != null) {
      perClass.beforeEach(context);
    } else {
      sharedServer(context).admin().reset();
    }
  }

  /** Closes the client made for this test, if any. */
  @Override
  public void afterEach(ExtensionContext context) {
    closeOwnClient(context);
  }

  /** Supports parameters of type {@link LocalSandboxServer} and {@link SandboxClient}. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalSandboxServer.class || type == SandboxClient.class;
  }

  /** Returns the running server, or a client of it. */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    LocalSandboxServer server =
        perClass != null
            ? (LocalSandboxServer) perClass.resolveParameter(parameter, context)
            : sharedServer(context);
    if (parameter.getParameter().getType() == LocalSandboxServer.class) {
      return server;
    }
    SandboxClient client = context.getStore(NAMESPACE).get(CLIENT, SandboxClient.class);
    if (client == null) {
      client = LocalSandboxes.client(server);
      context.getStore(NAMESPACE).put(CLIENT, client);
    }
    return client;
  }

  /** The shared server, kept in the root store: JUnit closes it when the test run ends. */
  private LocalSandboxServer sharedServer(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(shared, config -> shared.start(), LocalSandboxServer.class);
  }

  /** {@code remove} touches only this context's own store, so an outer client stays open. */
  private static void closeOwnClient(ExtensionContext context) {
    SandboxClient own = context.getStore(NAMESPACE).remove(CLIENT, SandboxClient.class);
    if (own != null) {
      own.close();
    }
  }
}
