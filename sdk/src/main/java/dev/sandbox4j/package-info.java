/** sandbox4j: the Java SDK for the Novita Sandbox API. */
package dev.sandbox4j;
