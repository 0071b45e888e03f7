package dev.sandbox4j;

import com.google.gson.JsonObject;
import dev.sandbox4j.internal.ProtoJson;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A file, directory or link in a sandbox, as the daemon describes it. */
public final class EntryInfo {
  private final String name;
  private final String path;
  private final FileType type;
  private final String rawType;
  private final long size;
  private final int mode;
  private final String permissions;
  private final String owner;
  private final String group;
  private final Instant modifiedTime;
  private final String symlinkTarget;

  private EntryInfo(JsonObject wire) {
    this.name = ProtoJson.text(wire, "name");
    this.path = ProtoJson.text(wire, "path");
    this.rawType = ProtoJson.string(wire, "type").orElse("FILE_TYPE_UNSPECIFIED");
    this.type = FileType.fromWire(rawType);
    this.size = ProtoJson.int64(wire, "size");
    this.mode = (int) ProtoJson.int64(wire, "mode");
    this.permissions = ProtoJson.text(wire, "permissions");
    this.owner = ProtoJson.text(wire, "owner");
    this.group = ProtoJson.text(wire, "group");
    this.modifiedTime = ProtoJson.timestamp(wire, "modifiedTime").orElse(null);
    this.symlinkTarget = ProtoJson.string(wire, "symlinkTarget").orElse(null);
  }

  static EntryInfo fromWire(JsonObject wire) {
    return new EntryInfo(wire);
  }

  /**
   * Returns the base name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the absolute path.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Returns what the entry is; {@link FileType#UNKNOWN} for a type the SDK does not know (the entry
   * is kept, never dropped; {@link #rawType()} has the daemon's name).
   *
   * @return the type
   */
  public FileType type() {
    return type;
  }

  /**
   * Returns the type as the daemon named it, e.g. {@code FILE_TYPE_FILE}.
   *
   * @return the wire name
   */
  public String rawType() {
    return rawType;
  }

  /**
   * Returns the size in bytes.
   *
   * @return the size
   */
  public long size() {
    return size;
  }

  /**
   * Returns the permission bits, e.g. {@code 0644} (420).
   *
   * @return the mode
   */
  public int mode() {
    return mode;
  }

  /**
   * Returns the permissions as {@code ls} shows them, e.g. {@code -rw-r--r--}.
   *
   * @return the permissions
   */
  public String permissions() {
    return permissions;
  }

  /**
   * Returns the owner's name.
   *
   * @return the owner
   */
  public String owner() {
    return owner;
  }

  /**
   * Returns the group's name.
   *
   * @return the group
   */
  public String group() {
    return group;
  }

  /**
   * Returns when the entry was last modified.
   *
   * @return the time, or empty when the daemon did not say
   */
  public Optional<Instant> modifiedTime() {
    return Optional.ofNullable(modifiedTime);
  }

  /**
   * Returns the resolved target of a symbolic link.
   *
   * @return the target, or empty when the entry is not a link
   */
  public Optional<String> symlinkTarget() {
    return Optional.ofNullable(symlinkTarget);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EntryInfo)) {
      return false;
    }
    EntryInfo other = (EntryInfo) o;
    return size == other.size
        && mode == other.mode
        && name.equals(other.name)
        && path.equals(other.path)
        && rawType.equals(other.rawType)
        && permissions.equals(other.permissions)
        && owner.equals(other.owner)
        && group.equals(other.group)
        && Objects.equals(modifiedTime, other.modifiedTime)
        && Objects.equals(symlinkTarget, other.symlinkTarget);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, path, rawType, size, mode, permissions, modifiedTime);
  }

  @Override
  public String toString() {
    return "EntryInfo{path="
        + path
        + ", type="
        + type
        + ", size="
        + size
        + ", permissions="
        + permissions
        + ", owner="
        + owner
        + ", modifiedTime="
        + modifiedTime
        + (symlinkTarget == null ? "" : ", symlinkTarget=" + symlinkTarget)
        + "}";
  }
}
