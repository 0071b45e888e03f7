package dev.sandbox4j;

import dev.sandbox4j.errors.SandboxException;
import java.time.Duration;
import java.util.Map;

/**
 * A user's smallest application, run by {@link ChildJvm} with a classpath a user's Maven would
 * build. {@code build}: builds a client and prints the result; {@code lifecycle URL KEY}: creates,
 * lists and kills a sandbox on that server.
 */
public final class TinyApplication {
  private TinyApplication() {}

  public static void main(String[] args) {
    try {
      if (args[0].equals("build")) {
        SandboxClient.builder().apiUrl("http://127.0.0.1:9").apiKey("sk_tiny").build().close();
        System.out.println("built");
        return;
      }
      try (SandboxClient client =
          SandboxClient.builder().apiUrl(args[1]).apiKey(args[2]).maxRetries(0).build()) {
        Sandbox sandbox =
            client.create(
                CreateSandboxParams.builder()
                    .timeout(Duration.ofMinutes(1))
                    .metadata(Map.of("app", "tiny"))
                    .build());
        long listed =
            client.list(SandboxListQuery.builder().metadata(Map.of("app", "tiny")).build()).stream()
                .count();
        System.out.println(
            "created, listed " + listed + ", killed " + client.kill(sandbox.sandboxId()));
      }
    } catch (SandboxException e) {
      System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
