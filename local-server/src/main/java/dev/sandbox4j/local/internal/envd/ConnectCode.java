package dev.sandbox4j.local.internal.envd;

import dev.sandbox4j.local.internal.runtime.Failure;

/** Connect protocol error codes with the HTTP status a unary error answer carries. */
enum ConnectCode {
  CANCELED("canceled", 499),
  UNKNOWN("unknown", 500),
  INVALID_ARGUMENT("invalid_argument", 400),
  DEADLINE_EXCEEDED("deadline_exceeded", 504),
  NOT_FOUND("not_found", 404),
  ALREADY_EXISTS("already_exists", 409),
  PERMISSION_DENIED("permission_denied", 403),
  RESOURCE_EXHAUSTED("resource_exhausted", 429),
  FAILED_PRECONDITION("failed_precondition", 400),
  UNIMPLEMENTED("unimplemented", 501),
  INTERNAL("internal", 500),
  UNAVAILABLE("unavailable", 503),
  UNAUTHENTICATED("unauthenticated", 401);

  final String wireName;
  final int httpStatus;

  ConnectCode(String wireName, int httpStatus) {
    this.wireName = wireName;
    this.httpStatus = httpStatus;
  }

  static ConnectCode of(Failure.Kind kind) {
    return switch (kind) {
      case INVALID_ARGUMENT -> INVALID_ARGUMENT;
      case NOT_FOUND -> NOT_FOUND;
      case ALREADY_EXISTS -> ALREADY_EXISTS;
      case PERMISSION_DENIED -> PERMISSION_DENIED;
      case FAILED_PRECONDITION -> FAILED_PRECONDITION;
      case RESOURCE_EXHAUSTED, DISK_FULL -> RESOURCE_EXHAUSTED;
      case UNIMPLEMENTED -> UNIMPLEMENTED;
      case INTERNAL -> INTERNAL;
    };
  }

  /** The HTTP status envd's plain routes ({@code /files}) answer for a runtime failure. */
  static int httpStatusOf(Failure.Kind kind) {
    return switch (kind) {
      case INVALID_ARGUMENT, FAILED_PRECONDITION -> 400;
      case NOT_FOUND -> 404;
      case PERMISSION_DENIED -> 403;
      case ALREADY_EXISTS -> 409;
      case RESOURCE_EXHAUSTED -> 429;
      case UNIMPLEMENTED -> 501;
      case DISK_FULL -> 507;
      case INTERNAL -> 500;
    };
  }
}
