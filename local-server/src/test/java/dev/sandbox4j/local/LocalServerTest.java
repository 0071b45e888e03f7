package dev.sandbox4j.local;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the tests that talk to the class's {@link LocalSandboxServerExtension} server (reset
 * before each test) through {@link TestHttp} with the right key.
 */
@ExtendWith(LocalSandboxServerExtension.class)
abstract class LocalServerTest {

  protected LocalSandboxServer server;
  protected TestHttp http;

  @BeforeEach
  final void useServer(LocalSandboxServer injected) {
    this.server = injected;
    this.http = TestHttp.to(injected);
  }
}
