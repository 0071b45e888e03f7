package dev.sandbox4j;

/** What happened to a watched path. */
public enum FilesystemEventType {
  /** It was created. */
  CREATE,
  /** It was written to. */
  WRITE,
  /** It was removed. */
  REMOVE,
  /** It was renamed (moved away). */
  RENAME,
  /** Its permissions changed. */
  CHMOD,
  /** A kind of change this SDK does not know yet. */
  UNKNOWN;

  static FilesystemEventType fromWire(String name) {
    switch (name) {
      case "EVENT_TYPE_CREATE":
        return CREATE;
      case "EVENT_TYPE_WRITE":
        return WRITE;
      case "EVENT_TYPE_REMOVE":
        return REMOVE;
      case "EVENT_TYPE_RENAME":
        return RENAME;
      case "EVENT_TYPE_CHMOD":
        return CHMOD;
      default:
        return UNKNOWN;
    }
  }
}
