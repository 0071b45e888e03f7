package dev.sandbox4j;

import java.util.Objects;

/** A change below a watched directory. */
public final class FilesystemEvent {
  private final String name;
  private final FilesystemEventType type;

  FilesystemEvent(String name, FilesystemEventType type) {
    this.name = name;
    this.type = type;
  }

  /**
   * Returns the changed path, relative to the watched directory.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns what happened.
   *
   * @return the type
   */
  public FilesystemEventType type() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FilesystemEvent
        && name.equals(((FilesystemEvent) o).name)
        && type == ((FilesystemEvent) o).type;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type);
  }

  @Override
  public String toString() {
    return "FilesystemEvent{" + type + " " + name + "}";
  }
}
