package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.local.LocalSandboxServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A named application module that {@code requires dev.sandbox4j.sdk} compiles against the built
 * jars and runs on the module path with the flags docs/dependencies.md gives.
 */
class ModulePathIT {

  /** The flags of docs/dependencies.md, "The module path". */
  private static final List<String> FLAGS =
      List.of(
          "--add-modules",
          "ALL-MODULE-PATH,java.sql,jdk.httpserver",
          "--add-exports",
          "okhttp3/okhttp3.internal.http=dev.sandbox4j.generated");

  @Test
  void aNamedModuleRunsTheSdkWithTheDocumentedFlags(@TempDir Path dir) throws Exception {
    Path sources = dir.resolve("src");
    Files.createDirectories(sources.resolve("demo"));
    Files.writeString(
        sources.resolve("module-info.java"), "module demo { requires dev.sandbox4j.sdk; }");
    Files.writeString(
        sources.resolve("demo/Main.java"),
        String.join(
            "\n",
            "package demo;",
            "import dev.sandbox4j.*;",
            "public class Main {",
            "  public static void main(String[] args) {",
            "    try (SandboxClient client =",
            "        SandboxClient.builder().apiUrl(args[0]).apiKey(args[1]).build()) {",
            "      Sandbox sandbox = client.create();",
            "      System.out.println(\"killed \" + client.kill(sandbox.sandboxId()));",
            "    }",
            "  }",
            "}"));
    List<String> jars = new ArrayList<>(ChildJvm.sdkRuntimeClasspath());
    jars.add(System.getProperty("sdk.jar"));
    String modulePath = String.join(File.pathSeparator, jars);
    Path classes = dir.resolve("classes");
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "--module-path",
                modulePath,
                sources.resolve("module-info.java").toString(),
                sources.resolve("demo/Main.java").toString());
    assertThat(compiled).as("javac exit code").isZero();

    try (LocalSandboxServer server = LocalSandboxServer.start()) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("--module-path");
      command.add(classes + File.pathSeparator + modulePath);
      command.addAll(FLAGS);
      command.addAll(List.of("-m", "demo/demo.Main", server.apiUrl(), server.apiKey()));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(output.lines().filter(line -> !line.startsWith("SLF4J(W)")))
          .containsExactly("killed true");
    }
  }
}
