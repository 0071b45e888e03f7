/**
 * A local Novita Sandbox server for tests and offline use, like stripe-mock or LocalStack: an
 * emulator of the control-plane API and a runtime of each sandbox's data plane (envd's commands,
 * files and watches, with real processes, isolated by bubblewrap where it is installed; see {@link
 * dev.sandbox4j.local.Isolation}). {@link dev.sandbox4j.local.LocalSandboxServer} runs it
 * in-process, {@code java -jar sandbox4j-local-server.jar} runs it standalone, and {@link
 * dev.sandbox4j.local.LocalSandboxServerExtension} gives JUnit 5 tests a server.
 *
 * <h2>Why its own small HTTP server</h2>
 *
 * <p>The emulator serves a handful of small JSON endpoints on the loopback interface, on a small
 * HTTP/1.1 server built on JDK NIO: no dependency at all, it starts in milliseconds, and a handler
 * can close a connection without answering, which the dropped-connection faults need. Unlike the
 * JDK's {@code com.sun.net.httpserver.HttpServer} (whose {@code HttpExchange} API its handlers
 * keep), it reads request heads off the handler threads, answers bad framing and TLS clients
 * itself, and releases every connection, however its client abandons it. A framework (Jetty, Netty,
 * Undertow) would add megabytes and version conflicts to every test classpath that includes this
 * module, for features (HTTP/2, TLS, servlets) an emulator on 127.0.0.1 does not use. The server
 * binds 127.0.0.1 only, so it is never reachable from other machines.
 *
 * <h2>Fidelity</h2>
 *
 * <p>Bodies are the models generated from {@code openapi/novita-sandbox-api.yaml}, serialised with
 * the generated client's gson, so the emulator cannot drift from the document. Behaviour follows
 * the real server where it is known (see {@code docs/control-plane.md}): page size 1..100, newest
 * first (or {@code order=asc}), both states when {@code state} is absent, the metadata filter
 * decoded as the real server's {@code parseFilters} (an empty one is a 400), 15 s lifetime when
 * create has no {@code timeout}, a resume starting a new run, templates resolved to opaque IDs
 * (unknown: 404), the 24 h lifetime limit. Decisions where the real server is silent: sandbox start
 * times strictly increase (newest first then means most recently started first); a paused sandbox's
 * {@code endAt} is the moment it paused; the metadata bounds; metrics figures.
 *
 * <p>Bad input never gets a 500: bad HTTP framing gets a plain-text 400 from the HTTP layer, bad
 * API input a JSON {@code {code, message}} 4xx.
 */
package dev.sandbox4j.local;
