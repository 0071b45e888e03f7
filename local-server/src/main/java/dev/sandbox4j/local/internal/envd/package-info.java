/**
 * envd on the wire: Connect RPC in JSON ({@code process.Process}, {@code filesystem.Filesystem}),
 * the plain HTTP routes ({@code /files}, {@code /health}, {@code /envs}, {@code /metrics}), access
 * tokens and signed URLs, served for the sandbox a request names in {@code Novita-Sandbox-Id}, on
 * threads of its own ({@link dev.sandbox4j.local.internal.envd.EnvdGateway}). Not API.
 */
package dev.sandbox4j.local.internal.envd;
