package dev.sandbox4j.local.internal;

/** The operations of the OpenAPI document, named after their {@code operationId}s. */
enum Operation {
  LIST_SANDBOXES,
  CREATE_SANDBOX,
  GET_SANDBOX,
  KILL_SANDBOX,
  CONNECT_SANDBOX,
  PAUSE_SANDBOX,
  SET_SANDBOX_TIMEOUT
}
