package dev.sandbox4j;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A process running in a sandbox, as {@code commands().list()} reports it. */
public final class ProcessInfo {
  private final int pid;
  private final String tag;
  private final String cmd;
  private final List<String> args;
  private final Map<String, String> envs;
  private final String cwd;

  ProcessInfo(
      int pid, String tag, String cmd, List<String> args, Map<String, String> envs, String cwd) {
    this.pid = pid;
    this.tag = tag;
    this.cmd = cmd;
    this.args = List.copyOf(args);
    this.envs = Map.copyOf(envs);
    this.cwd = cwd;
  }

  /**
   * Returns the process id.
   *
   * @return the pid
   */
  public int pid() {
    return pid;
  }

  /**
   * Returns the tag the process was started with (the template's start command has one).
   *
   * @return the tag, or empty
   */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /**
   * Returns the program, {@code /bin/bash} for commands the SDK started.
   *
   * @return the program
   */
  public String cmd() {
    return cmd;
  }

  /**
   * Returns the program's arguments, {@code [-l, -c, <command>]} for commands the SDK started.
   *
   * @return the arguments
   */
  public List<String> args() {
    return args;
  }

  /**
   * Returns the environment variables the process was started with.
   *
   * @return the variables
   */
  public Map<String, String> envs() {
    return envs;
  }

  /**
   * Returns the working directory it was started in, if one was given.
   *
   * @return the directory, or empty
   */
  public Optional<String> cwd() {
    return Optional.ofNullable(cwd);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ProcessInfo)) {
      return false;
    }
    ProcessInfo other = (ProcessInfo) o;
    return pid == other.pid
        && Objects.equals(tag, other.tag)
        && cmd.equals(other.cmd)
        && args.equals(other.args)
        && envs.equals(other.envs)
        && Objects.equals(cwd, other.cwd);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pid, tag, cmd, args, envs, cwd);
  }

  /** Shows environment variable names only: their values may be secrets. */
  @Override
  public String toString() {
    return "ProcessInfo{pid="
        + pid
        + ", tag="
        + tag
        + ", cmd="
        + cmd
        + ", args="
        + args
        + ", envs="
        + envs.keySet()
        + ", cwd="
        + cwd
        + "}";
  }
}
