package dev.sandbox4j.local.internal;

/**
 * The operations served: those of the OpenAPI document, named after their {@code operationId}s,
 * plus the routes only E2B's SDK uses (v2 create and connect) and the metrics both SDKs call.
 */
enum Operation {
  LIST_SANDBOXES,
  CREATE_SANDBOX,
  CREATE_SANDBOX_V2,
  GET_SANDBOX,
  KILL_SANDBOX,
  CONNECT_SANDBOX,
  CONNECT_SANDBOX_V2,
  PAUSE_SANDBOX,
  SET_SANDBOX_TIMEOUT,
  GET_SANDBOX_METRICS
}
