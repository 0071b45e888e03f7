package dev.sandbox4j.internal;

import java.util.Map;

/** The Connect protocol's error codes and how they relate to HTTP statuses. */
final class ConnectCodes {
  private static final Map<String, Integer> STATUS_OF_CODE =
      Map.ofEntries(
          Map.entry("canceled", 499),
          Map.entry("unknown", 500),
          Map.entry("invalid_argument", 400),
          Map.entry("deadline_exceeded", 504),
          Map.entry("not_found", 404),
          Map.entry("already_exists", 409),
          Map.entry("permission_denied", 403),
          Map.entry("resource_exhausted", 429),
          Map.entry("failed_precondition", 400),
          Map.entry("aborted", 409),
          Map.entry("out_of_range", 400),
          Map.entry("unimplemented", 501),
          Map.entry("internal", 500),
          Map.entry("unavailable", 503),
          Map.entry("data_loss", 500),
          Map.entry("unauthenticated", 401));

  private ConnectCodes() {}

  /** The HTTP status a Connect server uses for a code; 500 for a code it does not know. */
  public static int httpStatus(String code) {
    return STATUS_OF_CODE.getOrDefault(code, 500);
  }

  /** Whether the text is one of the protocol's codes. */
  public static boolean isKnown(String code) {
    return STATUS_OF_CODE.containsKey(code);
  }

  /**
   * The code a Connect client infers from the status of an error without a readable Connect body
   * (the protocol's own fallback table).
   */
  public static String fromHttpStatus(int status) {
    switch (status) {
      case 400:
        return "internal";
      case 401:
        return "unauthenticated";
      case 403:
        return "permission_denied";
      case 404:
        return "unimplemented";
      case 429:
      case 502:
      case 503:
      case 504:
        return "unavailable";
      default:
        return "unknown";
    }
  }

  /** The code that best describes an error status of a plain HTTP route of the daemon. */
  public static String fromPlainHttpStatus(int status) {
    switch (status) {
      case 400:
        return "invalid_argument";
      case 401:
        return "unauthenticated";
      case 403:
        return "permission_denied";
      case 404:
        return "not_found";
      case 409:
        return "already_exists";
      case 429:
      case 507:
        return "resource_exhausted";
      case 502:
      case 503:
      case 504:
        return "unavailable";
      default:
        return status >= 500 ? "internal" : "unknown";
    }
  }
}
