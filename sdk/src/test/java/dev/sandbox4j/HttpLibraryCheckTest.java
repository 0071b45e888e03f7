package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application that declares {@code com.squareup.okhttp3:okhttp:4.12.0} next to the SDK gets,
 * from Maven, both OkHttp jars and okio 3.6.0 (nearest wins); building a client must then fail with
 * a clear {@code SandboxConfigurationException}, not with {@code NoSuchMethodError} at the first
 * request.
 */
class HttpLibraryCheckTest {

  @Test
  void okHttp4DeclaredByTheApplicationIsNamedWithTheFixWhenTheClientIsBuilt() {
    Path conflicting = Path.of(System.getProperty("conflicting.okhttp"));
    List<String> classpath = new ArrayList<>();
    // Declared after the SDK, okhttp 4.12.0 is a direct dependency: its jar comes before the
    // SDK's transitive ones, and its okio 3.6.0 replaces the SDK's okio-jvm.
    classpath.add(conflicting.resolve("okhttp-4.12.0.jar").toString());
    classpath.add(conflicting.resolve("okio-jvm-3.6.0.jar").toString());
    for (String entry : ChildJvm.sdkRuntimeClasspath()) {
      if (!new File(entry).getName().startsWith("okio-jvm-")) {
        classpath.add(entry);
      }
    }

    String output = ChildJvm.run(classpath, "build");

    assertThat(output)
        .startsWith("SandboxConfigurationException: sandbox4j needs OkHttp 5.5.1 and okio 3.18.1")
        .contains("the classpath has OkHttp 4.12.0 and okio 3.6.0")
        .contains("okhttp-4.12.0.jar", "okhttp-jvm-5.5.1.jar")
        .contains("import dev.sandbox4j:sandbox4j-bom")
        .doesNotContain("NoSuchMethodError", "\n");
  }

  @Test
  void theSdksOwnDependenciesPass() {
    assertThat(ChildJvm.run(ChildJvm.sdkRuntimeClasspath(), "build")).isEqualTo("built");
  }

  @Test
  void twoOkHttpJarsAreNamedEvenWhenTheFirstHasTheRightVersion() {
    // What the BOM leaves when the application declares okhttp 4.12.0 itself: okio is lifted,
    // but both OkHttp jars stay, the SDK's first.
    List<String> classpath = new ArrayList<>(ChildJvm.sdkRuntimeClasspath());
    classpath.add(
        Path.of(System.getProperty("conflicting.okhttp"), "okhttp-4.12.0.jar").toString());

    assertThat(ChildJvm.run(classpath, "build"))
        .startsWith("SandboxConfigurationException: sandbox4j needs OkHttp 5.5.1 and okio 3.18.1")
        .contains("but the classpath has 2 OkHttp jars [okhttp-jvm-5.5.1.jar, okhttp-4.12.0.jar]")
        .contains("drop any explicit okhttp 4.x dependency");
  }

  @Test
  void anOlderOkioAloneIsNamedToo() {
    Path conflicting = Path.of(System.getProperty("conflicting.okhttp"));
    List<String> classpath = new ArrayList<>();
    classpath.add(conflicting.resolve("okio-jvm-3.6.0.jar").toString());
    for (String entry : ChildJvm.sdkRuntimeClasspath()) {
      if (!new File(entry).getName().startsWith("okio-jvm-")) {
        classpath.add(entry);
      }
    }

    assertThat(ChildJvm.run(classpath, "build"))
        .startsWith("SandboxConfigurationException: sandbox4j needs OkHttp 5.5.1 and okio 3.18.1")
        .contains("the classpath has OkHttp 5.5.1 and okio 3.6.0")
        .doesNotContain("OkHttp jars");
  }
}
