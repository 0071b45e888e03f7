package dev.sandbox4j;

import java.util.Locale;

/** The state of a sandbox: running, paused, or a state this SDK version does not know. */
public enum SandboxState {
  /** The sandbox is running and billed. */
  RUNNING("running"),
  /** The sandbox is paused: its state is kept, and {@code connect} resumes it. */
  PAUSED("paused"),
  /**
   * A state the server sent that this SDK version does not know; {@link SandboxInfo#rawState()}
   * holds the value. It cannot be used as a list filter.
   */
  UNKNOWN("unknown");

  private final String wireValue;

  SandboxState(String wireValue) {
    this.wireValue = wireValue;
  }

  /**
   * Returns the value the API uses for this state, e.g. {@code "running"}.
   *
   * @return the wire value
   */
  public String wireValue() {
    return wireValue;
  }

  /**
   * Returns the state for an API value, or {@link #UNKNOWN} for a value this SDK does not know.
   *
   * @param value the wire value, e.g. {@code "paused"}; case is ignored
   * @return the state, never null
   */
  public static SandboxState fromWireValue(String value) {
    if (value != null) {
      String normalized = value.toLowerCase(Locale.ROOT);
      if (normalized.equals(RUNNING.wireValue)) {
        return RUNNING;
      }
      if (normalized.equals(PAUSED.wireValue)) {
        return PAUSED;
      }
    }
    return UNKNOWN;
  }
}
