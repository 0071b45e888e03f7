package dev.sandbox4j.examples;

import dev.sandbox4j.CommandHandle;
import dev.sandbox4j.CommandOptions;
import dev.sandbox4j.CommandResult;
import dev.sandbox4j.EntryInfo;
import dev.sandbox4j.Execution;
import dev.sandbox4j.FilesystemEvent;
import dev.sandbox4j.RunCodeOptions;
import dev.sandbox4j.Sandbox;
import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.WatchHandle;
import dev.sandbox4j.WatchOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The README's data-plane snippet (commands, files and code) as code that compiles and runs against
 * a sandbox (its test uses the local server's runtime). Keep the two in step.
 */
public final class ReadmeDataPlane {
  private ReadmeDataPlane() {}

  /**
   * Runs the snippet in a new sandbox, which it kills at the end.
   *
   * @param client a client whose data plane reaches the sandbox
   * @param scratch a local directory for the upload example
   * @return what the snippet found, for the test to check
   * @throws IOException when the local file cannot be written or read
   */
  public static Map<String, Object> run(SandboxClient client, Path scratch) throws IOException {
    Map<String, Object> found = new LinkedHashMap<>();
    StringBuilder printed = new StringBuilder();
    List<FilesystemEvent> events = new CopyOnWriteArrayList<>();
    try (Sandbox sandbox = client.create()) {
      // Commands: foreground (a non-zero exit throws CommandExitException with the output) ...
      CommandResult r = sandbox.commands().run("echo hello");
      found.put("stdout", r.stdout());
      sandbox
          .commands()
          .run(
              "mkdir -p app && cd app && echo built",
              CommandOptions.builder()
                  .cwd("/home/user")
                  .envs(Map.of("A", "1"))
                  .user("root")
                  .onStdout(printed::append)
                  .build());
      found.put("printed", printed.toString());
      // ... or background, with no time limit.
      CommandHandle server =
          sandbox
              .commands()
              .start("sleep 600", CommandOptions.builder().timeout(Duration.ZERO).build());
      found.put(
          "listed", sandbox.commands().list().stream().anyMatch(p -> p.pid() == server.pid()));
      found.put("killed", server.kill());

      // Files: text, bytes, streams of any size, many files in one request.
      WatchHandle watch =
          sandbox
              .files()
              .watchDir("/home/user", events::add, WatchOptions.builder().recursive(true).build());
      sandbox.files().write("/home/user/a.txt", "hello");
      found.put("text", sandbox.files().read("/home/user/a.txt"));
      Path local = Files.write(scratch.resolve("big.bin"), new byte[] {1, 2, 3});
      sandbox.files().write("/home/user/big.bin", local);
      try (InputStream in = sandbox.files().readStream("/home/user/big.bin")) {
        found.put("bytes", in.readAllBytes().length);
      }
      List<EntryInfo> entries = sandbox.files().list("/home/user", 2);
      found.put("entries", entries.size());
      found.put("url", sandbox.files().downloadUrl("/home/user/a.txt", Duration.ofMinutes(5)));
      sandbox.commands().run("sleep 0.3"); // give the watch time to see the writes
      watch.stop();
      found.put("watched", events.stream().anyMatch(e -> e.name().equals("a.txt")));

      // Code (code-interpreter templates): state persists between calls of a context.
      sandbox.runCode("x = 41");
      Execution ex = sandbox.runCode("x + 1");
      found.put("code", ex.text().orElse(null));
      Execution js =
          sandbox.runCode("1 + 1", RunCodeOptions.builder().language("javascript").build());
      found.put("javascript", js.text().orElse(null));
    }
    return found;
  }
}
