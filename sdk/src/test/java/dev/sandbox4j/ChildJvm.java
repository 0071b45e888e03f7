package dev.sandbox4j;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a test's main class in a fresh JVM with a small heap, as a user's process would. */
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

  static Result run(String maxHeap, Class<?> main, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    Path log = Files.createTempFile("sandbox4j-child", ".log");
    try {
      Process child =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean ended = child.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        child.destroyForcibly().waitFor();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (!ended) {
        throw new AssertionError("the child JVM did not end within 120 s: " + output);
      }
      return new Result(child.exitValue(), output);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
