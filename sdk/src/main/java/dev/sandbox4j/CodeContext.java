package dev.sandbox4j;

import java.util.Objects;

/** A code interpreter context: one kernel whose state (variables, imports) calls share. */
public final class CodeContext {
  private final String id;
  private final String language;
  private final String cwd;

  CodeContext(String id, String language, String cwd) {
    this.id = id;
    this.language = language;
    this.cwd = cwd;
  }

  /**
   * Returns the context's id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the context's language, e.g. {@code python}.
   *
   * @return the language
   */
  public String language() {
    return language;
  }

  /**
   * Returns the context's working directory.
   *
   * @return the directory
   */
  public String cwd() {
    return cwd;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CodeContext)) {
      return false;
    }
    CodeContext other = (CodeContext) o;
    return id.equals(other.id) && language.equals(other.language) && cwd.equals(other.cwd);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, language, cwd);
  }

  @Override
  public String toString() {
    return "CodeContext{id=" + id + ", language=" + language + ", cwd=" + cwd + "}";
  }
}
