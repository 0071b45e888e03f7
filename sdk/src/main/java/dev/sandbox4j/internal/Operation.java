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
  RAW_OTHER("call the API", true),
  // ---- inside a sandbox (the daemon and the code interpreter) ----
  /** Starts a process: never replayed once it may have reached the daemon. */
  COMMAND_START("start command in sandbox", false),
  COMMAND_CONNECT("connect to command in sandbox", true),
  COMMAND_LIST("list commands in sandbox", true),
  /** Input sent twice would reach the process twice. */
  COMMAND_SEND_STDIN("send stdin to command in sandbox", false),
  COMMAND_CLOSE_STDIN("close stdin of command in sandbox", true),
  COMMAND_KILL("kill command in sandbox", true),
  FILE_READ("read file in sandbox", true),
  FILE_WRITE("write file in sandbox", false),
  FILE_STAT("get file info in sandbox", true),
  FILE_LIST("list directory in sandbox", true),
  /** A replay after a lost answer would report the directory as already there. */
  FILE_MAKE_DIR("make directory in sandbox", false),
  FILE_RENAME("rename file in sandbox", false),
  FILE_REMOVE("remove file in sandbox", true),
  FILE_WATCH("watch directory in sandbox", true),
  HEALTH("check health of sandbox", true),
  METRICS("get metrics of sandbox", true),
  RUN_CODE("run code in sandbox", false),
  CODE_CONTEXT_CREATE("create code context in sandbox", false),
  CODE_CONTEXT_LIST("list code contexts in sandbox", true),
  CODE_CONTEXT_RESTART("restart code context in sandbox", false),
  CODE_CONTEXT_REMOVE("remove code context in sandbox", true);

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
