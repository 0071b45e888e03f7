package dev.sandbox4j.local.internal.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends POSIX signals the JDK has no API for (SIGSTOP, SIGCONT, SIGTERM to a given pid) through
 * {@code kill(1)}. Signalling a process that is already gone is not an error.
 */
final class Signals {

  static final int SIGKILL = 9;
  static final int SIGTERM = 15;
  static final int SIGSTOP = 19;
  static final int SIGCONT = 18;

  private Signals() {}

  static void send(int signal, Collection<Long> pids) {
    if (pids.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add("kill");
    command.add("-" + signal);
    for (long pid : pids) {
      command.add(Long.toString(pid));
    }
    try {
      Process kill =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!kill.waitFor(5, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
      }
    } catch (IOException e) {
      throw new Failure(Failure.Kind.INTERNAL, "cannot run kill(1) to send signal " + signal);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
