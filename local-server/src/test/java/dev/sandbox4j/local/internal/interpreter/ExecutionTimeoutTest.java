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

/** Code that runs too long is interrupted, or its kernel killed, and the context stays usable. */
class ExecutionTimeoutTest {

  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  @TempDir Path home;
  private CodeInterpreter interpreter;

  @BeforeEach
  void start() {
    interpreter =
        new CodeInterpreter(
            new HostKernelLauncher(home),
            InterpreterSettings.defaults().withInterruptGrace(Duration.ofMillis(700)));
  }

  @AfterEach
  void close() {
    interpreter.close();
  }

  private ExecutionLines run(CodeContext context, String code, Duration timeout) {
    return ExecutionLines.run(interpreter, context, code, Map.of(), timeout);
  }

  @Test
  void anInfinitePythonLoopIsInterruptedAndTheContextKeepsItsState() throws Exception {
    CodeContext context = interpreter.defaultContext(KernelLanguage.PYTHON);
    run(context, "kept = 'yes'", Duration.ZERO);

    long started = System.nanoTime();
    ExecutionLines looped = run(context, "print('looping')\nwhile True:\n    pass", ONE_SECOND);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(looped.types())
        .containsExactly("number_of_executions", "stdout", "error", "end_of_execution");
    JsonObject error = looped.error().orElseThrow();
    assertThat(error.get("name").getAsString()).isEqualTo("TimeoutError");
    assertThat(error.get("value").getAsString())
        .isEqualTo(
            "Execution timed out after 1 s and was interrupted; the context keeps its state");
    assertThat(error.get("traceback").getAsString()).contains("KeyboardInterrupt", "<cell-2>");
    assertThat(took).isBetween(ONE_SECOND, Duration.ofSeconds(5));
    assertThat(run(context, "kept", Duration.ZERO).text()).contains("yes");
  }

  @Test
  void codeThatIgnoresTheInterruptLosesItsKernelAndTheContextStartsAFreshOne() throws Exception {
    CodeContext context = interpreter.defaultContext(KernelLanguage.PYTHON);
    run(context, "kept = 'yes'", Duration.ZERO);
    long oldPid = context.processes().get(0).pid();

    ExecutionLines stubborn =
        run(
            context,
            "import time\n"
                + "while True:\n"
                + "    try:\n"
                + "        time.sleep(10)\n"
                + "    except KeyboardInterrupt:\n"
                + "        pass",
            Duration.ofMillis(500));

    JsonObject error = stubborn.error().orElseThrow();
    assertThat(error.get("name").getAsString()).isEqualTo("TimeoutError");
    assertThat(error.get("value").getAsString())
        .contains("timed out after 500 ms", "did not stop within 700 ms", "kernel was restarted");
    assertThat(stubborn.types()).endsWith("error", "end_of_execution");
    assertThat(ProcessHandle.of(oldPid).filter(ProcessHandle::isAlive)).isEmpty();
    ExecutionLines after = run(context, "'kept' in globals()", Duration.ZERO);
    assertThat(after.text()).contains("False");
    assertThat(after.executionCount()).isEqualTo(1);
  }

  @Test
  void codeThatCatchesTheInterruptAndFinishesStillReportsTheTimeout() throws Exception {
    CodeContext context = interpreter.defaultContext(KernelLanguage.PYTHON);

    ExecutionLines caught =
        run(
            context,
            "import time\ntry:\n    time.sleep(10)\nexcept KeyboardInterrupt:\n    print('caught')",
            Duration.ofMillis(300));

    assertThat(caught.stdout()).isEqualTo("caught\n");
    assertThat(caught.errorName()).isEqualTo("TimeoutError");
  }

  @Test
  void anInfiniteJavascriptLoopIsInterruptedAndTheContextKeepsItsState() throws Exception {
    CodeContext context =
        interpreter.create(KernelLanguage.JAVASCRIPT, HostKernelLauncher.SANDBOX_HOME);
    run(context, "const kept = 'yes'", Duration.ZERO);

    ExecutionLines looped = run(context, "for (;;) {}", Duration.ofMillis(500));

    assertThat(looped.errorName()).isEqualTo("TimeoutError");
    assertThat(looped.types()).endsWith("error", "end_of_execution");
    assertThat(run(context, "kept", Duration.ZERO).text()).contains("yes");
  }

  @Test
  void timeSpentPausedDoesNotCountAgainstTheTimeout() throws Exception {
    CodeContext context = interpreter.defaultContext(KernelLanguage.PYTHON);
    interpreter.pause();
    Thread unpause =
        new Thread(
            () -> {
              try {
                Thread.sleep(1200);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              interpreter.resume();
            });
    unpause.start();

    // The kernel itself is not frozen here; only the clock stands still for 1.2 s.
    ExecutionLines slept =
        run(context, "import time\ntime.sleep(1)\n'woke'", Duration.ofMillis(800));
    unpause.join();

    assertThat(slept.error()).isEmpty();
    assertThat(slept.text()).contains("woke");
  }
}
