package dev.sandbox4j;

import java.util.Objects;

/** A file a write created or replaced in a sandbox. */
public final class WriteInfo {
  private final String path;
  private final String name;
  private final FileType type;

  WriteInfo(String path, String name, FileType type) {
    this.path = path;
    this.name = name;
    this.type = type;
  }

  /**
   * Returns the file's absolute path.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Returns the file's base name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns what was written, normally {@link FileType#FILE}.
   *
   * @return the type
   */
  public FileType type() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof WriteInfo)) {
      return false;
    }
    WriteInfo other = (WriteInfo) o;
    return path.equals(other.path) && name.equals(other.name) && type == other.type;
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, name, type);
  }

  @Override
  public String toString() {
    return "WriteInfo{path=" + path + ", type=" + type + "}";
  }
}
