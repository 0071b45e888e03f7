/**
 * A local Novita Sandbox server for tests and offline use, like stripe-mock or LocalStack: an
 * emulator of the control-plane API and a runtime of each sandbox's data plane (envd's commands,
 * files and watches, with real processes, isolated by bubblewrap where it is installed; see
 * {@link dev.sandbox4j.local.Isolation}). {@link dev.sandbox4j.local.LocalSandboxServer} runs it
 * in-process, {@code java -jar sandbox4j-local-server.jar} runs it standalone, and {@link
 * dev.sandbox4j.local.LocalSandboxServerExtension} gives JUnit 5 tests a server.
 *
 * <h2>Why the JDK's {@code com.sun.net.httpserver}</h2>
 *
 * <p>The emulator serves a handful of small JSON endpoints on the loopback interface. The HTTP
 * server that ships with every JDK since 6 (module {@code jdk.httpserver}, a supported, exported
 * API) does that with no dependency at all, starts in milliseconds, and lets a handler close a
 * connection without answering, which the dropped-connection faults need. A framework (Jetty,
 * Netty, Undertow) would add megabytes and version conflicts to every test classpath that
 * includes this module, for features (HTTP/2, TLS, servlets) an emulator on 127.0.0.1 does not
 * use. The server binds 127.0.0.1 only, so it is never reachable from other machines.
 *
 * <h2>Fidelity</h2>
 *
 * <p>Bodies are the models generated from {@code openapi/novita-sandbox-api.yaml}, serialised
 * with the generated client's gson, so the emulator cannot drift from the document. Behaviour
 * follows the real server where it is known (see {@code NOVITA-API.md} §4, §10 and §11): page size
 * 1..100, newest first, both states when {@code state} is absent, the metadata filter decoded as
 * the real server's {@code parseFilters}, 15 s lifetime when create has no {@code timeout}.
 * Decisions where the real server is silent: sandbox start times strictly increase (newest first
 * then means most recently created first); resuming keeps {@code startedAt}; a paused sandbox's
 * {@code endAt} is the moment it paused; an empty {@code metadata} parameter means no filter.
 *
 * <p>Bad input never gets a 500. The one answer the emulator does not write itself is for a
 * request line that is not a valid URI (such as a stray {@code %zz} in the path): the JDK server
 * rejects it with a 400 and an HTML body before any handler runs.
 */
package dev.sandbox4j.local;
