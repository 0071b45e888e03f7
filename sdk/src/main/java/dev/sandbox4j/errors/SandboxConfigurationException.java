package dev.sandbox4j.errors;

/**
 * Thrown before any request is sent when the SDK is misconfigured or given a bad argument: missing
 * credentials, a bad URL, a limit out of range, a blank id, and so on. The message names the
 * argument.
 */
public class SandboxConfigurationException extends SandboxException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which argument is wrong and why
   */
  public SandboxConfigurationException(String message) {
    super(message, null, 0);
  }
}
