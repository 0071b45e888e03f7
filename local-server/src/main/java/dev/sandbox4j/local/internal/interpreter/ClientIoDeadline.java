package dev.sandbox4j.local.internal.interpreter;

/**
 * Bounds how long a handler thread waits on its HTTP client while it writes a response: the local
 * server's per-exchange I/O deadline, seen from this package. Started before each write and stopped
 * after it; never running while a kernel computes.
 */
public interface ClientIoDeadline {

  /** No deadline at all (tests, or a server that bounds client I/O another way). */
  ClientIoDeadline NONE =
      new ClientIoDeadline() {
        @Override
        public void start() {}

        @Override
        public boolean stop() {
          return true;
        }
      };

  /** Starts a deadline for the calling thread's socket I/O, replacing any running one. */
  void start();

  /**
   * Stops the calling thread's deadline; false if it had already passed, in which case the
   * connection is closed and the exchange must be abandoned.
   */
  boolean stop();
}
