package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.local.LocalSandboxServer;
import dev.sandbox4j.local.LocalSandboxServerExtension;
import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SDK's runtime dependencies, as Maven resolves them for an application, are exactly the ones
 * the README lists under "Footprint", and an application with nothing else on its classpath
 * creates, lists and kills a sandbox.
 */
@ExtendWith(LocalSandboxServerExtension.class)
class RuntimeClasspathTest {

  @Test
  void theRuntimeDependenciesAreTheOnesTheReadmeLists() {
    List<String> artifacts =
        ChildJvm.sdkRuntimeClasspath().stream()
            .map(entry -> artifactOf(new File(entry)))
            .sorted()
            .toList();

    assertThat(artifacts)
        .containsExactly(
            "gson",
            "gson-fire",
            "kotlin-stdlib",
            "logging-interceptor",
            "okhttp-jvm",
            "okio-jvm",
            "sandbox4j-generated-client",
            "slf4j-api");
  }

  @Test
  void anApplicationWithOnlyThoseDependenciesRunsTheLifecycle(LocalSandboxServer server) {
    String output =
        ChildJvm.run(ChildJvm.sdkRuntimeClasspath(), "lifecycle", server.apiUrl(), server.apiKey());

    assertThat(output).isEqualTo("created, listed 1, killed true");
    assertThat(server.admin().requests()).hasSize(3);
  }

  /** {@code gson-2.15.0.jar} → {@code gson}; a reactor module's classes folder → its artifact. */
  private static String artifactOf(File entry) {
    if (entry.isDirectory()) {
      // .../generated-client/target/classes
      return "sandbox4j-" + entry.getParentFile().getParentFile().getName();
    }
    return entry.getName().replaceFirst("-\\d.*$", "");
  }
}
