package dev.sandbox4j.local;

import org.junit.jupiter.api.BeforeEach;

/**
 * Base of every test of the server over HTTP: the class's {@link LocalSandboxServerExtension}
 * server (reset before each test) and a {@link TestHttp} with the right key. Each subclass
 * registers the extension, {@code @ExtendWith(LocalSandboxServerExtension.class)} for the default
 * server or a {@code @RegisterExtension} field for a configured one.
 */
abstract class LocalServerTest {

  protected LocalSandboxServer server;
  protected TestHttp http;

  @BeforeEach
  final void useServer(LocalSandboxServer injected) {
    this.server = injected;
    this.http = TestHttp.to(injected);
  }
}
