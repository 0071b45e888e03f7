package dev.sandbox4j.local;

/**
 * How the local server confines the commands it runs inside a sandbox.
 *
 * <p>With bubblewrap ({@code bwrap}), each command runs in its own mount, pid, ipc and uts
 * namespaces with all capabilities dropped: the sandbox's directory is bound at {@code /home/user}
 * and {@code /tmp}, the host's system directories are read-only, and nothing else of the host is
 * visible, so paths in commands and in the file API agree. Without it, commands run on the host as
 * the current user, in the sandbox's directory, and only {@code /home/user} is mapped.
 */
public enum Isolation {
  /** Bubblewrap when it is installed and works here, else {@link #NONE} (with a warning). */
  AUTO,
  /** Bubblewrap; the server refuses to start when it is missing or does not work. */
  BWRAP,
  /** No isolation: commands run on the host as the current user. */
  NONE
}
