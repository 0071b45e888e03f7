package dev.sandbox4j.internal;

/**
 * An API operation as the retry engine and the error messages see it: a short description and
 * whether repeating it is safe. New operations (the data plane's included) are declared as
 * constants where they are used, with {@link #safe} or {@link #unsafe}.
 */
public final class Operation {
  public static final Operation LIST = safe("list sandboxes");
  public static final Operation CREATE =
      unsafe(
          "create sandbox",
          "the server may have created the sandbox anyway: list by its metadata to find it,"
              + " and kill it if unwanted");
  public static final Operation GET_INFO = safe("get info of sandbox");
  public static final Operation KILL = safe("kill sandbox");
  public static final Operation CONNECT = safe("connect to sandbox");
  public static final Operation SET_TIMEOUT = safe("set timeout of sandbox");
  public static final Operation PAUSE = safe("pause sandbox");

  /** Any raw-client request other than a create: all of them act on one sandbox or read. */
  public static final Operation RAW_OTHER = safe("call the API");

  private final String description;
  private final String ambiguousOutcome;

  private Operation(String description, String ambiguousOutcome) {
    this.description = description;
    this.ambiguousOutcome = ambiguousOutcome;
  }

  /**
   * An operation that converges on the same state however often it runs, so any failure that may be
   * transient is retried.
   */
  public static Operation safe(String description) {
    return new Operation(Args.nonBlank(description, "description"), null);
  }

  /**
   * An operation that must not run twice (it bills, or starts something): it is retried only when
   * the server surely did not act.
   *
   * @param ambiguousOutcome what the caller should do when a failure hides whether the server
   *     acted, appended to the message
   */
  public static Operation unsafe(String description, String ambiguousOutcome) {
    return new Operation(
        Args.nonBlank(description, "description"),
        Args.nonBlank(ambiguousOutcome, "ambiguousOutcome"));
  }

  /** A short phrase for messages, e.g. "get info of sandbox". */
  public String description() {
    return description;
  }

  /** The description followed by the sandbox's id, when there is one. */
  String describe(String sandboxId) {
    return sandboxId == null ? description : description + " " + sandboxId;
  }

  /** Whether repeating the operation cannot do harm. */
  public boolean safeToRepeat() {
    return ambiguousOutcome == null;
  }

  /** The advice for a failure that may hide that the server acted; null if safe to repeat. */
  String ambiguousOutcome() {
    return ambiguousOutcome;
  }

  @Override
  public String toString() {
    return description;
  }
}
