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
 * Runs a main class in a new JVM, as a user's process would: {@link TinyApplication} with a given
 * classpath (the SDK's own classes plus jars), or a test's main class with a small heap.
 */
final class ChildJvm {
  /** What the child printed (stdout and stderr) and how it ended. */
  static final class Result {
    final int exitCode;
    final String output;

    Result(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }

    /** The lines the child marked as results with a leading {@code "> "}. */
    List<String> results() {
      List<String> lines = new ArrayList<>();
      output.lines().filter(line -> line.startsWith("> ")).forEach(lines::add);
      return lines;
    }
  }

  private ChildJvm() {}

  /** The SDK's runtime dependencies as Maven resolves them for a user (written by the build). */
  static List<String> sdkRuntimeClasspath() {
    try {
      String text =
          Files.readString(
              Path.of(System.getProperty("sdk.runtimeClasspath")), StandardCharsets.UTF_8);
      return new ArrayList<>(Arrays.asList(text.trim().split(File.pathSeparator)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs the application's main with the SDK's classes and the given entries first, and returns its
   * output (stdout and stderr) without SLF4J's no-provider warning, which every application without
   * a binding prints.
   */
  static String run(List<String> classpath, String... args) {
    List<String> entries = new ArrayList<>();
    entries.add(testClasses());
    entries.add(System.getProperty("sdk.classes"));
    entries.addAll(classpath);
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add("-cp");
    command.add(String.join(File.pathSeparator, entries));
    command.add(TinyApplication.class.getName());
    command.addAll(List.of(args));
    try {
      Result result = runLogged(command, 60);
      return result
          .output
          .lines()
          .filter(line -> !line.startsWith("SLF4J(W)"))
          .collect(joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs a test's main class with this JVM's classpath and the given maximum heap. */
  static Result run(String maxHeap, Class<?> main, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add("-Xmx" + maxHeap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return runLogged(command, 120);
  }

  /**
   * Runs the command with its output in a file (a pipe nobody reads could fill and block the child)
   * and fails if it has not ended within the given time.
   */
  private static Result runLogged(List<String> command, int timeoutSeconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("sandbox4j-child", ".log");
    try {
      Process child =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      child.getOutputStream().close();
      boolean ended = child.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!ended) {
        child.destroyForcibly().waitFor();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(ended)
          .as("the child JVM ended within %d s; it printed: %s", timeoutSeconds, output)
          .isTrue();
      return new Result(child.exitValue(), output);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String testClasses() {
    try {
      return Path.of(
              TinyApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}
