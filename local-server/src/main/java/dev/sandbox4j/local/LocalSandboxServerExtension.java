package dev.sandbox4j.local;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test class a running {@link LocalSandboxServer} and injects
 * it as a parameter (of test methods, lifecycle methods and constructors).
 *
 * <pre>{@code
 * @ExtendWith(LocalSandboxServerExtension.class)
 * class MyTest {
 *   @Test
 *   void lists(LocalSandboxServer server) { ... server.apiUrl() ... server.apiKey() ... }
 * }
 *
 * // or, to configure the server:
 * @RegisterExtension
 * static final LocalSandboxServerExtension LOCAL =
 *     new LocalSandboxServerExtension(LocalSandboxServer.builder().apiKey("sk_test").build());
 * }</pre>
 *
 * <p>Lifecycle: one server per test class, started before its {@code @BeforeAll} methods and
 * closed after its {@code @AfterAll} methods; {@code @Nested} classes share their outer class's
 * server. Before each test the server is {@linkplain LocalServerAdmin#reset() reset} (no
 * sandboxes, faults or logged requests, clock offset zero), so every test starts from the same
 * state and tests do not depend on their order. Because of that reset, the tests of one class
 * must not run concurrently. Registered on an instance field (where JUnit calls no class-level
 * callbacks), the extension starts a server per test instead and closes it after the test.
 */
public final class LocalSandboxServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalSandboxServerExtension.class);
  private static final String SERVER = "server";

  private final LocalSandboxServer.Config config;

  /** Creates the extension with the default configuration: a free port and the default key. */
  public LocalSandboxServerExtension() {
    this(LocalSandboxServer.builder().build());
  }

  /**
   * Creates the extension with the given server configuration.
   *
   * @param config the server configuration
   */
  public LocalSandboxServerExtension(LocalSandboxServer.Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Starts the class's server unless an enclosing class already has one. */
  @Override
  public void beforeAll(ExtensionContext context) {
    if (find(context) == null) {
      context.getStore(NAMESPACE).put(SERVER, config.start());
    }
  }

  /** Closes the server this class started (never an enclosing class's). */
  @Override
  public void afterAll(ExtensionContext context) {
    closeOwnServer(context);
  }

  /** Resets the server, or starts one for this test when no class-level server exists. */
  @Override
  public void beforeEach(ExtensionContext context) {
    LocalSandboxServer server = find(context);
    if (server == null) {
      context.getStore(NAMESPACE).put(SERVER, config.start());
    } else {
      server.admin().reset();
    }
  }

  /** Closes a server started for this test alone, if any. */
  @Override
  public void afterEach(ExtensionContext context) {
    closeOwnServer(context);
  }

  /** Supports parameters of type {@link LocalSandboxServer}. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalSandboxServer.class;
  }

  /** Returns the running server for this test or class. */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    LocalSandboxServer server = find(context);
    if (server == null) {
      server = config.start();
      context.getStore(NAMESPACE).put(SERVER, server);
    }
    return server;
  }

  /** The server of this context or the nearest enclosing one (stores look up their parents). */
  private static LocalSandboxServer find(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(SERVER, LocalSandboxServer.class);
  }

  /** {@code remove} touches only this context's own store, so an outer server stays running. */
  private static void closeOwnServer(ExtensionContext context) {
    LocalSandboxServer own = context.getStore(NAMESPACE).remove(SERVER, LocalSandboxServer.class);
    if (own != null) {
      own.close();
    }
  }
}
