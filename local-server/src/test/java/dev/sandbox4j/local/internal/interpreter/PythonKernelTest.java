package dev.sandbox4j.local.internal.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What python code run in a context produces, line by line, on a real python3 kernel. */
class PythonKernelTest {

  @TempDir Path home;
  private CodeInterpreter interpreter;
  private CodeContext context;

  @BeforeEach
  void start() throws Exception {
    interpreter = new CodeInterpreter(new HostKernelLauncher(home));
    context = interpreter.defaultContext(KernelLanguage.PYTHON);
  }

  @AfterEach
  void close() {
    interpreter.close();
  }

  private ExecutionLines run(String code) {
    return ExecutionLines.run(interpreter, context, code);
  }

  @Test
  void keepsStateAcrossExecutionsAndCountsThem() {
    ExecutionLines first = run("x = 41");
    ExecutionLines second = run("x + 1");

    assertThat(first.types()).containsExactly("number_of_executions", "end_of_execution");
    assertThat(first.executionCount()).isEqualTo(1);
    assertThat(second.types())
        .containsExactly("number_of_executions", "result", "end_of_execution");
    assertThat(second.executionCount()).isEqualTo(2);
    assertThat(second.text()).contains("42");
  }

  @Test
  void streamsStdoutAndStderrInTheOrderWritten() {
    ExecutionLines lines =
        run("import sys\nprint('one')\nprint('two', file=sys.stderr)\nprint('three')");

    assertThat(lines.types())
        .containsExactly("number_of_executions", "stdout", "stderr", "stdout", "end_of_execution");
    List<JsonObject> out = lines.ofType("stdout");
    assertThat(out.get(0).get("text").getAsString()).isEqualTo("one\n");
    assertThat(out.get(1).get("text").getAsString()).isEqualTo("three\n");
    assertThat(lines.stderr()).isEqualTo("two\n");
    assertThat(out.get(0).get("timestamp").getAsString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void capturesWhatChildProcessesAndRawDescriptorsWriteWithoutBreakingTheProtocol() {
    ExecutionLines lines =
        run(
            "import os, subprocess\n"
                + "subprocess.run(['sh', '-c', 'echo child-out; echo child-err >&2'])\n"
                + "os.write(1, b'raw-fd\\n')\n"
                + "'still fine'");

    assertThat(lines.stdout()).isEqualTo("child-out\nraw-fd\n");
    assertThat(lines.stderr()).isEqualTo("child-err\n");
    assertThat(lines.text()).contains("still fine");
    assertThat(run("input()").errorName()).isEqualTo("EOFError"); // stdin is not the protocol
  }

  @Test
  void lastExpressionIsTheMainResultWithItsRichFormats() {
    assertThat(run("'hello'").text()).contains("hello"); // quotes stripped as the real server does
    assertThat(run("[1, 'a']").text()).contains("[1, 'a']");
    assertThat(run("None").types()).containsExactly("number_of_executions", "end_of_execution");
    assertThat(run("y = 3\nif y:\n    y = 4").types()).doesNotContain("result");
    assertThat(
            run("import asyncio\nawait asyncio.sleep(0.01)\nawait asyncio.sleep(0, 'awaited')")
                .text())
        .contains("awaited"); // top-level await, as in IPython

    ExecutionLines rich =
        run(
            "class Card:\n"
                + "    def _repr_html_(self): return '<b>card</b>'\n"
                + "    def _repr_png_(self): return b'\\x89PNG'\n"
                + "    def _repr_json_(self): return {'k': [1, 2]}\n"
                + "    def __repr__(self): return 'Card()'\n"
                + "display(1)\n"
                + "Card()");

    List<JsonObject> results = rich.ofType("result");
    assertThat(results).hasSize(2);
    assertThat(results.get(0).get("is_main_result").getAsBoolean()).isFalse();
    JsonObject main = results.get(1);
    assertThat(main.get("is_main_result").getAsBoolean()).isTrue();
    assertThat(main.get("text").getAsString()).isEqualTo("Card()");
    assertThat(main.get("html").getAsString()).isEqualTo("<b>card</b>");
    assertThat(Base64.getDecoder().decode(main.get("png").getAsString()))
        .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    assertThat(main.get("json").getAsJsonObject().get("k").getAsJsonArray()).hasSize(2);

    // matplotlib is not installed here: a stand-in with its module name and savefig() API.
    ExecutionLines figure =
        run(
            "class Figure:\n"
                + "    def savefig(self, out, format):\n"
                + "        out.write(b'figure as ' + format.encode())\n"
                + "Figure.__module__ = 'matplotlib.figure'\n"
                + "Figure()");
    String png = figure.ofType("result").get(0).get("png").getAsString();
    assertThat(new String(Base64.getDecoder().decode(png), StandardCharsets.US_ASCII))
        .isEqualTo("figure as png");
  }

  @Test
  void aRaisedExceptionIsOneErrorLineAndTheContextLivesOn() {
    ExecutionLines failed = run("print('before')\ndef f():\n    return 1 / 0\nf()");

    assertThat(failed.types())
        .containsExactly("number_of_executions", "stdout", "error", "end_of_execution");
    JsonObject error = failed.error().orElseThrow();
    assertThat(error.get("name").getAsString()).isEqualTo("ZeroDivisionError");
    assertThat(error.get("value").getAsString()).isEqualTo("division by zero");
    assertThat(error.get("traceback").getAsString())
        .contains("<cell-1>", "line 4", "return 1 / 0", "ZeroDivisionError: division by zero")
        .doesNotContain("python_kernel", "<string>");

    assertThat(run("f.__name__").text()).contains("f");
    assertThat(run("def broken(:").errorName()).isEqualTo("SyntaxError");
    assertThat(run("import sys; sys.exit(3)").errorName()).isEqualTo("SystemExit");
    assertThat(run("1 + 1").text()).contains("2");
  }

  @Test
  void envVarsApplyToOneExecutionOnly() {
    ExecutionLines with =
        ExecutionLines.run(
            interpreter,
            context,
            "import os, subprocess\n"
                + "print(subprocess.run(['sh', '-c', 'echo $GREETING'], capture_output=True,"
                + " text=True).stdout, end='')\n"
                + "os.environ['GREETING']",
            Map.of("GREETING", "hello"),
            Duration.ZERO);

    assertThat(with.stdout()).isEqualTo("hello\n");
    assertThat(with.text()).contains("hello");
    assertThat(run("import os; os.environ.get('GREETING', 'unset')").text()).contains("unset");
    // The host launcher passes a minimal environment, not the JVM's (which may hold secrets).
    assertThat(run("import os; sorted(os.environ)").text().orElseThrow())
        .contains("'HOME'", "'PATH'", "'LANG'")
        .doesNotContain("JAVA_HOME", "MAVEN");
  }

  @Test
  void outputThatIsNotUtf8BecomesReplacementCharactersAndSplitCharactersArriveWhole() {
    ExecutionLines python =
        run(
            "import sys\n"
                + "sys.stdout.buffer.write(b'caf\\xc3')\n"
                + "sys.stdout.buffer.write(b'\\xa9 \\xff\\xfe|')\n"
                + "print('\\udcff')");
    // Written below python (as a child process would): the same decoding, one stream per fd.
    ExecutionLines descriptor =
        run("import os\nos.write(2, b'\\xe2\\x82')\nos.write(2, b'\\xac\\xff\\n')");

    assertThat(python.stdout()).isEqualTo("café \uFFFD\uFFFD|\uFFFD\n");
    assertThat(python.error()).isEmpty();
    assertThat(descriptor.stderr()).isEqualTo("€\uFFFD\n");
  }

  @Test
  void largeOutputArrivesCompleteInFewLines() {
    ExecutionLines lines =
        run("print('x' * 3_000_000)\nfor i in range(20000):\n    print(i)\n'done'");

    String expected = "x".repeat(3_000_000) + "\n" + numbers(20000);
    assertThat(lines.stdout()).isEqualTo(expected);
    // merged, not one line per print (how much depends on how busy the machine is: 3 359 seen)
    assertThat(lines.ofType("stdout").size()).isLessThan(10_000);
    assertThat(lines.text()).contains("done");
  }

  @Test
  void aResultTooLargeToRelayIsAnErrorAndTheStateIsKept() {
    run("kept = 'yes'");

    ExecutionLines huge = run("'x' * 40_000_000");

    assertThat(huge.errorName()).isEqualTo("ResultTooLarge");
    assertThat(huge.error().orElseThrow().get("value").getAsString())
        .contains("more than the local code interpreter's limit");
    assertThat(run("kept").text()).contains("yes");
  }

  @Test
  void aKernelThatExitsIsReportedAndReplacedByAFreshOne() {
    run("x = 1");
    ExecutionLines died = run("import os\nprint('bye', flush=True)\nos._exit(3)");

    assertThat(died.stdout()).isEqualTo("bye\n");
    assertThat(died.errorName()).isEqualTo("UnexpectedEndOfExecution");
    assertThat(died.error().orElseThrow().get("value").getAsString()).contains("exit code 3");
    ExecutionLines after = run("'x' in globals()");
    assertThat(after.text()).contains("False");
    assertThat(after.executionCount()).isEqualTo(1);
  }

  private static String numbers(int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(i).append('\n');
    }
    return text.toString();
  }
}
