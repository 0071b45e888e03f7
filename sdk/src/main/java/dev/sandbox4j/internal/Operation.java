package dev.sandbox4j.internal;

/** The API operations, with what the retry rules need to know about each. */
public enum Operation {
  LIST("list sandboxes", true),
  CREATE("create sandbox", false),
  GET_INFO("get info of sandbox", true),
  KILL("kill sandbox", true),
  CONNECT("connect to sandbox", true),
  SET_TIMEOUT("set timeout of sandbox", true),
  PAUSE("pause sandbox", true),
  /** Any raw-client request other than a create: all of them act on one sandbox or read. */
  RAW_OTHER("call the API", true);

  private final String description;
  private final boolean safeToRepeat;

  Operation(String description, boolean safeToRepeat) {
    this.description = description;
    this.safeToRepeat = safeToRepeat;
  }

  /** A short phrase for messages, e.g. "get info of sandbox". */
  public String description() {
    return description;
  }

  /**
   * Whether repeating the operation cannot do harm. Everything but create is: the others act
   * on one sandbox and converge on the same state.
   */
  public boolean safeToRepeat() {
    return safeToRepeat;
  }
}
