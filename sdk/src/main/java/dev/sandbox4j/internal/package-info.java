/**
 * Implementation details of sandbox4j. Nothing in this package is API: it may change in any
 * release.
 */
package dev.sandbox4j.internal;
