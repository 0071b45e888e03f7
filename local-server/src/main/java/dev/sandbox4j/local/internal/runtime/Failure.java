package dev.sandbox4j.local.internal.runtime;

/**
 * A request the sandbox runtime refuses or cannot carry out, with the kind of reason envd would
 * give. The message is safe to send to the client: it never holds a secret or a host path outside
 * the sandbox.
 */
public final class Failure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the request failed; the transport maps each kind to its own status or code. */
  public enum Kind {
    INVALID_ARGUMENT,
    NOT_FOUND,
    ALREADY_EXISTS,
    PERMISSION_DENIED,
    FAILED_PRECONDITION,
    RESOURCE_EXHAUSTED,
    UNIMPLEMENTED,
    INTERNAL,
    /** The sandbox's disk quota is full (HTTP 507 on {@code /files}). */
    DISK_FULL
  }

  private final Kind kind;

  public Failure(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
