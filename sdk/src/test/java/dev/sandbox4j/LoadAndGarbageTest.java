package dev.sandbox4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandbox4j.local.LocalSandboxServer;
import dev.sandbox4j.local.LocalSandboxServerExtension;
import dev.sandbox4j.local.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local server under SDK load while 10 000 random and malformed requests hit it: never a 500,
 * and the sandboxes the SDK threads made and killed are exactly what it holds afterwards.
 */
@ExtendWith(LocalSandboxServerExtension.class)
class LoadAndGarbageTest {
  private static final int GARBAGE_REQUESTS = 10_000;
  private static final int GARBAGE_THREADS = 4;
  private static final int SDK_THREADS = 8;

  private static final String[] METHODS = {
    "GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS"
  };
  private static final String[] PATHS = {
    "/v2/sandboxes", "/sandboxes", "/sandboxes/zzz", "/sandboxes/zzz/connect",
        "/sandboxes/zzz/pause",
    "/sandboxes/zzz/timeout", "/sandboxes/%20", "/sandboxes/%zz", "/sandboxes/%C3%28",
        "/sandboxes/a%2Fb",
    "/v2/sandboxes/", "/v3/nothing", "/", "/sandboxes/zzz/unknown", "/" + "x".repeat(3000)
  };
  private static final String[] QUERIES = {
    "",
    "?limit=0",
    "?limit=101",
    "?limit=-1",
    "?limit=1e3",
    "?limit=99999999999",
    "?state=,",
    "?state=dead",
    "?metadata=a%253Db",
    "?metadata=%",
    "?metadata=%zz",
    "?metadata=a%3Db%26c",
    "?metadata=%25%25",
    "?nextToken=abc",
    "?nextToken=%E2%82",
    "?nextToken=" + "A".repeat(2000),
    "?a=b&&&=",
    "?limit=5&limit=6"
  };
  private static final String[] BODIES = {
    "",
    "{",
    "}",
    "null",
    "[]",
    "{}",
    "\"str\"",
    "{\"templateID\":1}",
    "{\"templateID\":\"\"}",
    "{\"templateID\":\"t\",\"timeout\":\"300\"}",
    "{\"templateID\":\"t\",\"timeout\":1e999}",
    "{\"templateID\":\"t\",\"timeout\":4294967296}",
    "{\"templateID\":\"t\",\"timeout\":-5}",
    "{\"templateID\":\"t\",\"metadata\":[1,2]}",
    "{\"templateID\":\"t\",\"metadata\":{\"k\":7}}",
    "{\"templateID\":\"t\",\"envVars\":{\"K\":null}}",
    "{\"timeout\":{\"nested\":true}}",
    "{\"templateID\":\"" + "t".repeat(100_000) + "\"}",
    "\u0000\u0001\u0002",
    "{\"a\":\"\\ud800\"}",
    "{\"templateID\":\"t\",\"autoResume\":{\"enabled\":\"yes\"}}"
  };

  @Test
  void garbageAlongsideRealLoadNeverBreaksTheServer(LocalSandboxServer server) throws Exception {
    Map<String, Boolean> expectedAlive = new ConcurrentHashMap<>();
    AtomicBoolean garbageDone = new AtomicBoolean();
    AtomicInteger statuses500 = new AtomicInteger();
    AtomicInteger noResponse = new AtomicInteger();
    AtomicInteger sent = new AtomicInteger();
    List<String> fiveHundreds = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(GARBAGE_THREADS + SDK_THREADS);
    List<Future<?>> tasks = new ArrayList<>();
    try (SandboxClient client = LocalServers.clientFor(server).maxRetries(0).build()) {
      for (int t = 0; t < SDK_THREADS; t++) {
        int worker = t;
        tasks.add(
            pool.submit(
                () -> {
                  Random random = new Random(worker);
                  List<String> mine = new ArrayList<>();
                  while (!garbageDone.get()) {
                    if (mine.isEmpty() || random.nextBoolean()) {
                      String id =
                          client
                              .create(
                                  CreateSandboxParams.builder().putMetadata("load", "real").build())
                              .sandboxId();
                      mine.add(id);
                      expectedAlive.put(id, true);
                    } else {
                      String id = mine.remove(random.nextInt(mine.size()));
                      assertThat(client.kill(id)).isTrue();
                      expectedAlive.remove(id);
                    }
                  }
                  return null;
                }));
      }
      for (int t = 0; t < GARBAGE_THREADS; t++) {
        int worker = t;
        tasks.add(
            pool.submit(
                () -> {
                  Random random = new Random(1000 + worker);
                  for (int i = worker; i < GARBAGE_REQUESTS; i += GARBAGE_THREADS) {
                    String request = randomRequest(random, server.apiKey());
                    int status = send(server.port(), request);
                    sent.incrementAndGet();
                    if (status >= 500) {
                      statuses500.incrementAndGet();
                      synchronized (fiveHundreds) {
                        fiveHundreds.add(
                            status
                                + " <- "
                                + request.substring(0, Math.min(200, request.length())));
                      }
                    } else if (status == 0) {
                      noResponse.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (int i = SDK_THREADS; i < tasks.size(); i++) {
        tasks.get(i).get(5, TimeUnit.MINUTES);
      }
      garbageDone.set(true);
      for (int i = 0; i < SDK_THREADS; i++) {
        tasks.get(i).get(1, TimeUnit.MINUTES);
      }
      pool.shutdown();

      Set<String> held =
          client.list(SandboxListQuery.builder().putMetadata("load", "real").build()).stream()
              .map(SandboxInfo::sandboxId)
              .collect(Collectors.toSet());
      List<RecordedRequest> log = server.admin().requests();
      long logged500 = log.stream().filter(r -> r.status() >= 500).count();
      System.out.printf(
          "load and garbage: %d malformed/random requests (%d closed without a response), %d"
              + " requests logged, %d sandboxes expected and %d held, %d answers >= 500%n",
          sent.get(),
          noResponse.get(),
          log.size(),
          expectedAlive.size(),
          held.size(),
          statuses500.get() + logged500);
      assertThat(fiveHundreds).isEmpty();
      assertThat(logged500).isZero();
      assertThat(sent.get()).isEqualTo(GARBAGE_REQUESTS);
      assertThat(held).isEqualTo(new HashSet<>(expectedAlive.keySet()));
      assertThat(expectedAlive).isNotEmpty();
    }
  }

  /** A random request: any method, path, query and body, with or without credentials. */
  private static String randomRequest(Random random, String key) {
    if (random.nextInt(50) == 0) {
      return "NOT-HTTP AT ALL\r\n\r\n";
    }
    String method = METHODS[random.nextInt(METHODS.length)];
    String target = PATHS[random.nextInt(PATHS.length)] + QUERIES[random.nextInt(QUERIES.length)];
    String body = BODIES[random.nextInt(BODIES.length)];
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    request.append("Host: 127.0.0.1\r\n");
    if (random.nextInt(5) != 0) {
      request.append("X-API-Key: ").append(random.nextInt(10) == 0 ? "wrong" : key).append("\r\n");
    }
    request.append("Content-Type: application/json\r\n");
    request.append("Content-Length: ").append(bytes.length).append("\r\n");
    request.append("Connection: close\r\n\r\n");
    request.append(body);
    return request.toString();
  }

  /** Sends one raw request and returns the status, or 0 when the server closed without one. */
  private static int send(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        line.write(b);
      }
      String status = line.toString(StandardCharsets.US_ASCII);
      if (!status.startsWith("HTTP/1.1 ")) {
        return 0;
      }
      return Integer.parseInt(status.substring(9, 12));
    } catch (java.net.SocketException reset) {
      return 0;
    }
  }
}
