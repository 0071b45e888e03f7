package dev.sandbox4j.local.internal.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What javascript code run in a context produces, on a real node kernel. */
class JavascriptKernelTest {

  @TempDir Path home;
  private CodeInterpreter interpreter;
  private CodeContext context;

  @BeforeEach
  void start() throws Exception {
    interpreter = new CodeInterpreter(new HostKernelLauncher(home));
    context = interpreter.defaultContext(KernelLanguage.JAVASCRIPT);
  }

  @AfterEach
  void close() {
    interpreter.close();
  }

  private ExecutionLines run(String code) {
    return ExecutionLines.run(interpreter, context, code);
  }

  @Test
  void keepsStateAcrossExecutions() {
    run("const base = 40; let counter = 1; function add(a, b) { return a + b; }");

    ExecutionLines sum = run("counter += 1; add(base, counter)");

    assertThat(sum.text()).contains("42");
    assertThat(sum.executionCount()).isEqualTo(2);
    assertThat(run("'text'").text()).contains("text");
    assertThat(run("({a: [1, 2]})").text()).contains("{ a: [ 1, 2 ] }");
    assertThat(run("Promise.resolve(7)").text()).contains("7");
    assertThat(run("let nothing;").types()).doesNotContain("result");
  }

  @Test
  void streamsConsoleOutputInOrder() {
    ExecutionLines lines =
        run("console.log('one'); console.error('two'); process.stdout.write('three\\n'); void 0");

    assertThat(lines.types())
        .containsExactly("number_of_executions", "stdout", "stderr", "stdout", "end_of_execution");
    assertThat(lines.stdout()).isEqualTo("one\nthree\n");
    assertThat(lines.stderr()).isEqualTo("two\n");
  }

  @Test
  void aThrownErrorIsOneErrorLineAndTheContextLivesOn() {
    ExecutionLines failed = run("function f() { throw new TypeError('bad value'); }\nf()");

    JsonObject error = failed.error().orElseThrow();
    assertThat(error.get("name").getAsString()).isEqualTo("TypeError");
    assertThat(error.get("value").getAsString()).isEqualTo("bad value");
    assertThat(error.get("traceback").getAsString()).contains("TypeError: bad value", "<cell-1>");
    assertThat(error.get("traceback").getAsString()).doesNotContain("node:vm", "[eval]");
    assertThat(run("function (").errorName()).isEqualTo("SyntaxError");
    assertThat(run("throw 5").error().orElseThrow().get("value").getAsString()).isEqualTo("5");
    assertThat(run("typeof f").text()).contains("function");

    // Failures outside the execution's own flow are printed; the kernel and its state survive.
    run(
        "setTimeout(() => { throw new Error('late'); }, 0); Promise.reject(new Error('unawaited'));"
            + " 1");
    ExecutionLines later =
        run("new Promise((resolve) => setTimeout(() => resolve(typeof f), 100))");
    assertThat(later.text()).contains("function");
    assertThat(later.stderr()).contains("Uncaught Error: late");
  }

  @Test
  void envVarsAndChildProcessesWithoutBreakingTheProtocol() {
    ExecutionLines lines =
        ExecutionLines.run(
            interpreter,
            context,
            "require('child_process').execSync('echo child; echo child-err >&2', {stdio:"
                + " 'inherit'});\n"
                + "process.env.GREETING",
            Map.of("GREETING", "hello"),
            Duration.ZERO);

    assertThat(lines.text()).contains("hello");
    // fds 1 and 2 of node both lead to the kernel's stderr: output of children arrives as stderr.
    assertThat(lines.stderr()).contains("child\n", "child-err\n");
    assertThat(run("process.env.GREETING === undefined").text()).contains("true");
  }
}
