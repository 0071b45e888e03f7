package dev.sandbox4j.local.internal.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contexts are created, listed, restarted and removed; their executions take turns; close ends all.
 */
class CodeContextLifecycleTest {

  @TempDir Path home;
  private CodeInterpreter interpreter;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @BeforeEach
  void start() {
    interpreter = new CodeInterpreter(new HostKernelLauncher(home));
  }

  @AfterEach
  void close() {
    interpreter.close();
    threads.shutdownNow();
  }

  private ExecutionLines run(CodeContext context, String code) {
    return ExecutionLines.run(interpreter, context, code);
  }

  @Test
  void contextsAreCreatedInTheirCwdListedRestartedAndRemoved() throws Exception {
    Files.createDirectories(home.resolve("project"));
    CodeContext python = interpreter.create(KernelLanguage.PYTHON, "/home/user/project");
    CodeContext js = interpreter.create(KernelLanguage.JAVASCRIPT, "/home/user");

    assertThat(interpreter.contexts()).containsExactly(python, js);
    assertThat(python.toJson().toString())
        .isEqualTo(
            "{\"id\":\""
                + python.id()
                + "\",\"language\":\"python\",\"cwd\":\"/home/user/project\"}");
    assertThat(run(python, "import os; os.getcwd()").text())
        .contains(home.resolve("project").toRealPath().toString());

    run(python, "state = 1");
    assertThat(python.restart()).isTrue();
    assertThat(run(python, "'state' in globals()").text()).contains("False");

    assertThat(interpreter.remove(python.id())).isTrue();
    assertThat(interpreter.remove(python.id())).isFalse();
    assertThat(interpreter.contexts()).containsExactly(js);
    assertThat(interpreter.context(python.id())).isEmpty();
    assertThat(run(python, "1").errorName()).isEqualTo("ExecutionAborted");
  }

  @Test
  void theDefaultContextOfALanguageIsCreatedOnceAndListed() throws Exception {
    CodeContext first = interpreter.defaultContext(KernelLanguage.PYTHON);
    CodeContext again = interpreter.defaultContext(KernelLanguage.PYTHON);

    assertThat(again).isSameAs(first);
    assertThat(first.cwd()).isEqualTo("/home/user");
    assertThat(interpreter.contexts()).containsExactly(first);
    interpreter.remove(first.id());
    assertThat(interpreter.defaultContext(KernelLanguage.PYTHON)).isNotSameAs(first);
  }

  @Test
  void aCwdThatDoesNotExistOrAMissingInterpreterIsAClearError() {
    assertThatThrownBy(() -> interpreter.create(KernelLanguage.PYTHON, "/home/user/nowhere"))
        .isInstanceOf(KernelStartException.class)
        .hasMessageContaining("python")
        .hasMessageContaining("/home/user/nowhere does not exist");

    CodeInterpreter noNode =
        new CodeInterpreter(
            new HostKernelLauncher(home),
            InterpreterSettings.defaults().withNodeCommand("node-not-installed-here"));
    CodeInterpreter noPython =
        new CodeInterpreter(
            new HostKernelLauncher(home),
            InterpreterSettings.defaults().withPythonCommand("python-not-installed-here"));
    try (noNode;
        noPython) {
      assertThatThrownBy(() -> noNode.defaultContext(KernelLanguage.JAVASCRIPT))
          .isInstanceOf(KernelStartException.class)
          .hasMessageStartingWith(
              "Cannot start a javascript kernel: the interpreter 'node-not-installed-here' is not"
                  + " installed in the sandbox or failed to start (exit code 127:")
          .hasMessageContaining("not found");
      assertThatThrownBy(() -> noPython.create(KernelLanguage.PYTHON, "/home/user"))
          .isInstanceOf(KernelStartException.class)
          .hasMessageContaining("'python-not-installed-here' is not installed");
      assertThat(noNode.contexts()).isEmpty();
    }
  }

  @Test
  void concurrentExecutionsOnOneContextTakeTurns() throws Exception {
    CodeContext context = interpreter.defaultContext(KernelLanguage.PYTHON);
    run(context, "import time\nlog = []");
    List<Future<ExecutionLines>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String name = "run" + i;
      runs.add(
          threads.submit(
              () ->
                  run(
                      context,
                      "log.append('"
                          + name
                          + " start')\ntime.sleep(0.15)\nlog.append('"
                          + name
                          + " end')")));
    }
    for (Future<ExecutionLines> run : runs) {
      assertThat(run.get(20, TimeUnit.SECONDS).error()).isEmpty();
    }

    String log = run(context, "' '.join(log)").text().orElseThrow();
    assertThat(log).matches("(run(\\d) start run\\2 end ?){4}");
    List<Integer> counts = new ArrayList<>();
    for (Future<ExecutionLines> run : runs) {
      counts.add(run.get().executionCount());
    }
    assertThat(counts).containsExactlyInAnyOrder(2, 3, 4, 5);
  }

  @Test
  void restartingOrRemovingAContextEndsItsRunningExecutionWithTheReason() throws Exception {
    CodeContext restarted = interpreter.create(KernelLanguage.PYTHON, "/home/user");
    CodeContext removed = interpreter.create(KernelLanguage.PYTHON, "/home/user");
    Future<ExecutionLines> first =
        threads.submit(
            () -> run(restarted, "print('working', flush=True)\nimport time\ntime.sleep(30)"));
    Future<ExecutionLines> second =
        threads.submit(() -> run(removed, "import time\ntime.sleep(30)"));
    Thread.sleep(700);

    restarted.restart();
    interpreter.remove(removed.id());

    ExecutionLines restartedLines = first.get(10, TimeUnit.SECONDS);
    assertThat(restartedLines.stdout()).isEqualTo("working\n");
    assertThat(restartedLines.error().orElseThrow().get("value").getAsString())
        .isEqualTo("Context was restarted");
    assertThat(restartedLines.errorName()).isEqualTo("ContextRestarting");
    assertThat(restartedLines.types()).endsWith("error", "end_of_execution");
    assertThat(second.get(10, TimeUnit.SECONDS).errorName()).isEqualTo("ExecutionAborted");
    assertThat(run(restarted, "1 + 1").text()).contains("2");
  }

  @Test
  void closeEndsEveryKernelAndEveryProcessTheyStarted() throws Exception {
    CodeContext python = interpreter.defaultContext(KernelLanguage.PYTHON);
    CodeContext js = interpreter.defaultContext(KernelLanguage.JAVASCRIPT);
    run(python, "import subprocess\nchild = subprocess.Popen(['sleep', '300'])");
    run(js, "require('child_process').spawn('sleep', ['300'], {stdio: 'ignore'}); 1");
    Future<ExecutionLines> running = threads.submit(() -> run(python, "while True: pass"));
    Thread.sleep(300);
    List<ProcessHandle> processes = interpreter.processes();
    assertThat(processes.stream().map(p -> p.info().command().orElse("")))
        .anyMatch(command -> command.endsWith("sleep"))
        .anyMatch(command -> command.contains("python"))
        .anyMatch(command -> command.endsWith("node"));

    interpreter.close();

    assertThat(processes)
        .allSatisfy(
            process -> assertThat(process.isAlive()).as(process.info().toString()).isFalse());
    assertThat(running.get(10, TimeUnit.SECONDS).errorName()).isEqualTo("ExecutionAborted");
    assertThat(interpreter.processes()).isEmpty();
    assertThatThrownBy(() -> interpreter.defaultContext(KernelLanguage.PYTHON))
        .isInstanceOf(KernelStartException.class)
        .hasMessage("The sandbox's code interpreter was shut down");
  }

  @Test
  void contextsOfOtherInterpretersAreUnaffected() throws Exception {
    try (CodeInterpreter other = new CodeInterpreter(new HostKernelLauncher(home))) {
      CodeContext mine = interpreter.defaultContext(KernelLanguage.PYTHON);
      CodeContext theirs = other.defaultContext(KernelLanguage.PYTHON);
      run(mine, "value = 'mine'");
      ExecutionLines.run(other, theirs, "value = 'theirs'", Map.of(), Duration.ZERO);
      other.close();
      assertThat(run(mine, "value").text()).contains("mine");
    }
  }
}
