package dev.sandbox4j;

/** What a filesystem entry in a sandbox is. */
public enum FileType {
  /** A regular file. */
  FILE,
  /** A directory. */
  DIR,
  /** A symbolic link (reported by newer daemons; older ones report the target's type). */
  SYMLINK,
  /** A type the daemon did not name, or one this SDK does not know yet. */
  UNKNOWN;

  static FileType fromWire(String name) {
    switch (name) {
      case "FILE_TYPE_FILE":
      case "file":
        return FILE;
      case "FILE_TYPE_DIRECTORY":
      case "dir":
        return DIR;
      case "FILE_TYPE_SYMLINK":
        return SYMLINK;
      default:
        return UNKNOWN;
    }
  }
}
