package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandbox4j.errors.SandboxConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The static one-liners and the default client behind them: a call on a handle can never go to
 * another client, and the default client can be set and reset.
 */
class DefaultClientTest {
  private final List<MockApi> servers = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    SandboxClient.resetDefault();
    System.clearProperty("novita.apiUrl");
    System.clearProperty("novita.apiKey");
    servers.forEach(MockApi::close);
  }

  private MockApi server() throws Exception {
    MockApi api = new MockApi();
    servers.add(api);
    return api;
  }

  /** Compiles one class against the SDK and returns javac's errors. */
  private static List<String> compileErrors(String body) throws Exception {
    String source =
        "import dev.sandbox4j.*;\nclass Probe {\n  void probe(Sandbox sandbox) throws Exception {\n"
            + body
            + "\n  }\n}\n";
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    String classpath =
        Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            + java.io.File.pathSeparator
            + Path.of(
                OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    JavaFileObject file =
        new SimpleJavaFileObject(URI.create("string:///Probe.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, null)) {
      java.io.File out = java.nio.file.Files.createTempDirectory("probe").toFile();
      javac
          .getTask(
              null,
              files,
              diagnostics,
              List.of("-proc:none", "-classpath", classpath, "-d", out.getPath()),
              null,
              List.of(file))
          .call();
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d.getMessage(Locale.ROOT));
      }
    }
    return errors;
  }

  @Test
  void byIdCallsOnAHandleDoNotCompileSoTheyCannotReachAnotherClient() throws Exception {
    assertThat(compileErrors("boolean k = sandbox.kill(sandbox.sandboxId());")).isNotEmpty();
    assertThat(compileErrors("SandboxInfo i = sandbox.getInfo(sandbox.sandboxId());")).isNotEmpty();
    assertThat(compileErrors("sandbox.setTimeout(\"id\", java.time.Duration.ofSeconds(5));"))
        .isNotEmpty();
    assertThat(compileErrors("boolean p = sandbox.pause(sandbox.sandboxId());")).isNotEmpty();
    // The documented forms still compile.
    assertThat(
            compileErrors(
                "boolean k = sandbox.kill(); SandboxInfo i = sandbox.getInfo(); boolean p ="
                    + " sandbox.pause(); sandbox.setTimeout(java.time.Duration.ofSeconds(5));"
                    + " Sandbox a = Sandbox.create(); SandboxPaginator l = Sandbox.list();"
                    + " Sandbox c = Sandbox.connect(\"id\");"
                    + " boolean byId = SandboxClient.getDefault().kill(\"id\");"))
        .isEmpty();
  }

  @Test
  void aDefaultClientCanBeSetAndTheOneLinersUseIt() throws Exception {
    MockApi api = server();
    api.enqueue(200, "[" + MockApi.listed("a", "running") + "]");
    try (SandboxClient client = api.client()) {
      SandboxClient.setDefault(client);
      assertThat(SandboxClient.getDefault()).isSameAs(client);
      assertThat(Sandbox.list().nextItems()).hasSize(1);
    }
    assertThat(api.server.getRequestCount()).isEqualTo(1);
    assertThatThrownBy(() -> SandboxClient.setDefault(null))
        .isInstanceOf(SandboxConfigurationException.class);
  }

  @Test
  void resetBuildsTheNextDefaultFromTheEnvironmentAgainAndClosesTheOneItBuilt() throws Exception {
    MockApi first = server();
    MockApi second = server();
    first.enqueue(200, "[]");
    second.enqueue(200, "[]");
    System.setProperty("novita.apiKey", MockApi.KEY);
    System.setProperty("novita.apiUrl", first.server.url("/").toString());
    SandboxClient built = SandboxClient.getDefault();
    assertThat(Sandbox.list().nextItems()).isEmpty();

    System.setProperty("novita.apiUrl", second.server.url("/").toString());
    assertThat(SandboxClient.getDefault()).as("kept until reset").isSameAs(built);
    SandboxClient.resetDefault();
    assertThat(Sandbox.list().nextItems()).isEmpty();

    assertThat(first.server.getRequestCount()).isEqualTo(1);
    assertThat(second.server.getRequestCount()).isEqualTo(1);
    assertThatThrownBy(() -> built.getInfo("a"))
        .as("the default the SDK built is closed on reset")
        .isInstanceOf(SandboxConfigurationException.class);
  }

  @Test
  void aClientGivenAsDefaultIsOnlyForgottenOnReset() throws Exception {
    MockApi api = server();
    api.enqueue(200, MockApi.listed("a", "running"));
    try (SandboxClient client = api.client()) {
      SandboxClient.setDefault(client);
      SandboxClient.resetDefault();
      assertThat(client.getInfo("a").sandboxId()).isEqualTo("a");
    }
  }
}
