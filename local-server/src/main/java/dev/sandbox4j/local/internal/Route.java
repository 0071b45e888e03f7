package dev.sandbox4j.local.internal;

/**
 * A request matched to an operation.
 *
 * @param operation what to do
 * @param sandboxId the validated sandbox ID from the path, or null for paths without one
 */
record Route(Operation operation, String sandboxId) {}
