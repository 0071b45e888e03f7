/**
 * The escape hatch to the generated low-level client: the only public package whose signatures
 * mention generated types.
 */
package dev.sandbox4j.raw;
