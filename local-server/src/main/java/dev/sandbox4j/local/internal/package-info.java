/**
 * The emulator's implementation: HTTP plumbing, routing, validation, the sandbox store and its
 * indexes. Nothing here is API; the types that are {@code public} are so only for the {@code
 * dev.sandbox4j.local} package and the standalone launcher, and may change at any time.
 */
package dev.sandbox4j.local.internal;
