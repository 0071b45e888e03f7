package dev.sandbox4j.local;

import java.util.Objects;
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
 * <p>Lifecycle: one server per test class, started before its {@code @BeforeAll} methods and closed
 * after its {@code @AfterAll} methods; {@code @Nested} classes share their outer class's server.
 * Before each test the server is {@linkplain LocalServerAdmin#reset() reset} (no sandboxes, faults
 * or logged requests, clock offset zero), so every test starts from the same state and tests do not
 * depend on their order. Because of that reset, the tests of one class must not run concurrently.
 * Registered on an instance field (where JUnit calls no class-level callbacks), the extension
 * starts a server per test instead and closes it after the test.
 */
public final class LocalSandboxServerExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

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
    server(context);
  }

  /** Resets the server, starting one for this test when no class-level server exists. */
  @Override
  public void beforeEach(ExtensionContext context) {
    server(context).admin().reset();
  }

  /** Supports parameters of type {@link LocalSandboxServer}. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalSandboxServer.class;
  }

  /** Returns the running server for this test or class. */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  /**
   * The one start path: the server of this context or the nearest enclosing one (stores look up
   * their parents), else a new one kept in this context's store, which closes it when the context
   * ends (after {@code @AfterAll} for a class, after the test for a method).
   */
  private LocalSandboxServer server(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(SERVER, key -> new RunningServer(config.start()), RunningServer.class)
        .server;
  }

  /**
   * Holds a started server in an extension store, which closes it with its context: JUnit 5.13 and
   * later close {@link AutoCloseable} values, earlier versions {@code CloseableResource}s.
   */
  private static final class RunningServer
      implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    private final LocalSandboxServer server;

    RunningServer(LocalSandboxServer server) {
      this.server = server;
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
