package dev.sandbox4j;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link TinyApplication} in a new JVM with a given classpath: the SDK's own classes plus
 * jars, as a user's application would have them.
 */
final class ChildJvm {
  private ChildJvm() {}

  /** The SDK's runtime dependencies as Maven resolves them for a user (written by the build). */
  static List<String> sdkRuntimeClasspath() {
    try {
      String text =
          Files.readString(Path.of(System.getProperty("sdk.runtimeClasspath")), StandardCharsets.UTF_8);
      return new ArrayList<>(Arrays.asList(text.trim().split(File.pathSeparator)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs the application's main with the SDK's classes and the given entries first, and returns
   * its output (stdout and stderr) without SLF4J's no-provider warning, which every application
   * without a binding prints.
   */
  static String run(List<String> classpath, String... args) {
    List<String> entries = new ArrayList<>();
    entries.add(testClasses());
    entries.add(System.getProperty("sdk.classes"));
    entries.addAll(classpath);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(String.join(File.pathSeparator, entries));
    command.add(TinyApplication.class.getName());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      boolean ended = process.waitFor(60, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      assertThat(ended).as("the application ended within 60 s").isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return output.lines().filter(line -> !line.startsWith("SLF4J(W)")).collect(joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String testClasses() {
    try {
      return Path.of(TinyApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}
