package dev.sandbox4j;

import dev.sandbox4j.internal.Args;
import java.nio.charset.StandardCharsets;

/** One file of a many-file write: where it goes and its bytes. */
public final class WriteEntry {
  private final String path;
  private final byte[] data;

  private WriteEntry(String path, byte[] data) {
    this.path = Args.nonBlank(path, "path");
    this.data = data;
  }

  /**
   * Returns an entry holding text, written as UTF-8.
   *
   * @param path the target path; a relative one is under the user's home
   * @param text the content
   * @return the entry
   */
  public static WriteEntry of(String path, String text) {
    return new WriteEntry(path, Args.nonNull(text, "text").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns an entry holding bytes (copied).
   *
   * @param path the target path; a relative one is under the user's home
   * @param data the content
   * @return the entry
   */
  public static WriteEntry of(String path, byte[] data) {
    return new WriteEntry(path, Args.nonNull(data, "data").clone());
  }

  /**
   * Returns the target path.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  byte[] data() {
    return data;
  }

  @Override
  public String toString() {
    return "WriteEntry{path=" + path + ", " + data.length + " bytes}";
  }
}
