/**
 * The local sandbox runtime: a directory per sandbox, commands as real processes (confined by
 * bubblewrap or run directly), envd's path resolution and file operations, directory watches, and
 * the lifecycle that follows the control plane (SIGSTOP on pause, SIGCONT on resume, everything
 * killed and deleted when the sandbox ends). Transport-free: {@code ..internal.envd} puts it on the
 * wire. Not API.
 */
package dev.sandbox4j.local.internal.runtime;
