package dev.sandbox4j.benchmarks;

import dev.sandbox4j.SandboxClient;
import dev.sandbox4j.SandboxInfo;
import dev.sandbox4j.SandboxListQuery;
import dev.sandbox4j.local.LocalSandboxServer;
import dev.sandbox4j.local.SeedSpec;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Full listings of 10 000 sandboxes in pages of 100, side by side in one run: sandbox4j, the
 * official JS SDK (novita-sandbox, in a node process), and a hand-written OkHttp + Gson loop;
 * against the local server and against a tiny node server (at once, and after a 5 ms delay per
 * answer, like a remote API's round trip). Then allocation per page, 100 000 sandboxes iterated in
 * a 64 MiB heap, and the first page in a fresh JVM against node's.
 *
 * <p>Fair by construction: the three run in interleaved rounds whose order rotates, after untimed
 * warm-up rounds, on the same server; each listing must return every sandbox or the run fails. Node
 * times its own listing (from its first call to its last page), Java times its own.
 */
public final class ListingComparisonBenchmark {
  private static final int FLEET = 10_000;
  private static final int BIG_FLEET = 100_000;
  private static final int PAGE = 100;

  private final Path root;
  private final int warmup;
  private final int rounds;
  private final NodeScripts node;

  private ListingComparisonBenchmark(Path root, int warmup, int rounds) {
    this.root = root;
    this.warmup = warmup;
    this.rounds = rounds;
    this.node = new NodeScripts(root);
  }

  public static void main(String[] args) throws Exception {
    Path root = Paths.get(".");
    int warmup = 8;
    int rounds = 15;
    for (String arg : args) {
      if (arg.startsWith("--root=")) {
        root = Paths.get(arg.substring("--root=".length()));
      } else if (arg.startsWith("--warmup=")) {
        warmup = Integer.parseInt(arg.substring("--warmup=".length()));
      } else if (arg.startsWith("--rounds=")) {
        rounds = Integer.parseInt(arg.substring("--rounds=".length()));
      } else {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    new ListingComparisonBenchmark(root.toAbsolutePath().normalize(), warmup, rounds).run();
  }

  private void run() throws Exception {
    long started = System.nanoTime();
    node.ensureInstalled();
    System.out.printf(
        "sandbox4j listing comparison, %s%nJava %s (%s), %d CPU(s), max heap %d MB; node %s,"
            + " novita-sandbox %s%n",
        LocalDate.now(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        node.nodeVersion(),
        node.sdkVersion());
    System.out.printf(
        "Full listing of %,d sandboxes in pages of %d; %d warm-up + %d timed rounds, order"
            + " rotating%n%n",
        FLEET, PAGE, warmup, rounds);
    try (LocalSandboxServer server = LocalSandboxServer.start()) {
      server.admin().seed(SeedSpec.builder().count(FLEET).build());
      compare("local server (in this JVM)", server.apiUrl(), server.apiKey());
      allocationPerPage(server.apiUrl(), server.apiKey());
      coldStart(server.apiUrl(), server.apiKey());
    }
    try (NodeScripts.FakeServer fake = new NodeScripts.FakeServer(node, FLEET, 0)) {
      compare("node fake server", fake.apiUrl(), "sk_fake");
    }
    // A remote API answers after a network round trip; 5 ms is a near region's.
    try (NodeScripts.FakeServer fake = new NodeScripts.FakeServer(node, FLEET, 5)) {
      compare("node fake server answering after 5 ms", fake.apiUrl(), "sk_fake");
    }
    smallHeap();
    System.out.printf("%nWhole run: %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  /** One way of listing everything; returns nanoseconds and checks the count. */
  @FunctionalInterface
  private interface Listing {
    long[] run() throws Exception;
  }

  private void compare(String serverName, String apiUrl, String apiKey) throws Exception {
    SandboxListQuery query = SandboxListQuery.builder().limit(PAGE).build();
    SandboxListQuery unpipelined = query.toBuilder().pipelining(false).build();
    try (SandboxClient sdk = SandboxClient.builder().apiUrl(apiUrl).apiKey(apiKey).build();
        RawListingLoop raw = new RawListingLoop(apiUrl, apiKey);
        NodeScripts.Worker js = new NodeScripts.Worker(node, apiUrl, apiKey)) {
      String[] names = {
        "sandbox4j", "OkHttp + Gson loop", "official JS SDK", "sandbox4j, no pipelining"
      };
      Listing[] listings = {
        () -> sdkListing(sdk, query),
        () -> {
          long start = System.nanoTime();
          int count = raw.listAll(PAGE);
          return new long[] {System.nanoTime() - start, count};
        },
        () -> js.listAll(PAGE),
        () -> sdkListing(sdk, unpipelined)
      };
      long[][] samples = new long[names.length][rounds];
      for (int round = 0; round < warmup + rounds; round++) {
        for (int k = 0; k < names.length; k++) {
          int which = (round + k) % names.length;
          long[] result = listings[which].run();
          if (result[1] != FLEET) {
            throw new IllegalStateException(names[which] + " listed " + result[1] + " sandboxes");
          }
          if (round >= warmup) {
            samples[which][round - warmup] = result[0];
          }
        }
      }
      System.out.printf("Against the %s, ms per full listing%n", serverName);
      System.out.printf("  %-22s %8s %8s %8s%n", "", "median", "min", "max");
      for (int k = 0; k < names.length; k++) {
        long[] sorted = samples[k].clone();
        Arrays.sort(sorted);
        System.out.printf(
            "  %-22s %8.1f %8.1f %8.1f%n",
            names[k], median(samples[k]) / 1e6, sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6);
      }
      System.out.printf(
          "  JS / sandbox4j:    %.2f (per-round range %s)%n",
          median(samples[2]) / median(samples[0]), range(samples[2], samples[0]));
      System.out.printf(
          "  sandbox4j / loop:  %.2f (per-round range %s)%n",
          median(samples[0]) / median(samples[1]), range(samples[0], samples[1]));
      System.out.printf(
          "  JS / sandbox4j without pipelining: %.2f; sandbox4j without / with pipelining:"
              + " %.2f%n%n",
          median(samples[2]) / median(samples[3]), median(samples[3]) / median(samples[0]));
    }
  }

  private static long[] sdkListing(SandboxClient sdk, SandboxListQuery query) {
    long start = System.nanoTime();
    long count = 0;
    for (SandboxInfo info : sdk.list(query)) {
      count += info.cpuCount() > 0 ? 1 : 0;
    }
    return new long[] {System.nanoTime() - start, count};
  }

  /** Bytes allocated by the calling thread per page, for the SDK and the loop (local server). */
  private void allocationPerPage(String apiUrl, String apiKey) throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    // Without pipelining, so that the whole exchange runs on the calling thread.
    SandboxListQuery query = SandboxListQuery.builder().limit(PAGE).pipelining(false).build();
    int listings = 5;
    try (SandboxClient sdk = SandboxClient.builder().apiUrl(apiUrl).apiKey(apiKey).build();
        RawListingLoop raw = new RawListingLoop(apiUrl, apiKey)) {
      for (int i = 0; i < 3; i++) {
        sdk.list(query).stream().count();
        raw.listAll(PAGE);
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < listings; i++) {
        sdk.list(query).stream().count();
      }
      long sdkBytes = threads.getCurrentThreadAllocatedBytes() - before;
      before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < listings; i++) {
        raw.listAll(PAGE);
      }
      long rawBytes = threads.getCurrentThreadAllocatedBytes() - before;
      int pages = listings * FLEET / PAGE;
      System.out.printf(
          "Allocation per page of %d on the calling thread (local server): sandbox4j %.0f KB,"
              + " OkHttp + Gson loop %.0f KB%n%n",
          PAGE, sdkBytes / 1024.0 / pages, rawBytes / 1024.0 / pages);
    }
  }

  /** A fresh process to its first page: java, java with an AppCDS archive, and node. */
  private void coldStart(String apiUrl, String apiKey) throws Exception {
    Path archive = root.resolve("benchmarks/target/listing-appcds.jsa");
    Files.deleteIfExists(archive);
    // AppCDS archives classes from jars only: the child runs from jars in all three cases.
    String classpath = childClasspath(root.resolve("benchmarks/target/listing-child.jar"));
    timeProcess(
        javaChild(
            classpath,
            List.of("-XX:ArchiveClassesAtExit=" + archive),
            "first-page",
            apiUrl,
            apiKey));
    String[] names = {"java", "java + AppCDS", "node"};
    List<List<String>> commands =
        List.of(
            javaChild(classpath, List.of(), "first-page", apiUrl, apiKey),
            javaChild(
                classpath,
                List.of("-XX:SharedArchiveFile=" + archive),
                "first-page",
                apiUrl,
                apiKey),
            List.of("node", node.script("first-page.mjs").toString()));
    int coldRounds = 7;
    long[][] samples = new long[names.length][coldRounds];
    for (int round = 0; round < coldRounds + 1; round++) {
      for (int k = 0; k < names.length; k++) {
        int which = (round + k) % names.length;
        long nanos =
            timeProcess(commands.get(which), "NOVITA_API_URL", apiUrl, "NOVITA_API_KEY", apiKey);
        if (round > 0) {
          samples[which][round - 1] = nanos; // round 0 warms the OS file cache
        }
      }
    }
    System.out.printf(
        "Fresh process to its first page of %d, ms (median of %d)%n", PAGE, coldRounds);
    for (int k = 0; k < names.length; k++) {
      System.out.printf("  %-22s %8.0f%n", names[k], median(samples[k]) / 1e6);
    }
    System.out.printf(
        "  java / node: %.2f; java + AppCDS / node: %.2f%n%n",
        median(samples[0]) / median(samples[2]), median(samples[1]) / median(samples[2]));
  }

  /** 100 000 sandboxes walked by the SDK in a JVM with a 64 MiB heap. */
  private void smallHeap() throws Exception {
    try (LocalSandboxServer server = LocalSandboxServer.start()) {
      server.admin().seed(SeedSpec.builder().count(BIG_FLEET).build());
      List<String> command =
          javaChild(
              System.getProperty("java.class.path"),
              List.of("-Xmx64m"),
              "iterate",
              server.apiUrl(),
              server.apiKey());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      long start = System.nanoTime();
      Process child = builder.start();
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      child.waitFor(10, TimeUnit.MINUTES);
      System.out.printf(
          "%,d sandboxes iterated at -Xmx64m: exit %d, printed %s, %.1f s%n",
          BIG_FLEET, child.exitValue(), output.trim(), (System.nanoTime() - start) / 1e9);
    }
  }

  private static List<String> javaChild(String classpath, List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(ListingChild.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  /** This JVM's class path with its class directories packed into {@code jar}. */
  private static String childClasspath(Path jar) throws Exception {
    List<String> entries = new ArrayList<>();
    List<Path> directories = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (Files.isDirectory(Paths.get(entry))) {
        directories.add(Paths.get(entry));
      } else {
        entries.add(entry);
      }
    }
    try (java.util.jar.JarOutputStream out =
        new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      for (Path directory : directories) {
        try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
          for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            String name = directory.relativize(file).toString().replace('\\', '/');
            out.putNextEntry(new java.util.jar.JarEntry(name));
            out.write(Files.readAllBytes(file));
            out.closeEntry();
          }
        }
      }
    }
    entries.add(0, jar.toString());
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static long timeProcess(List<String> command, String... env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    for (int i = 0; i + 1 < env.length; i += 2) {
      builder.environment().put(env[i], env[i + 1]);
    }
    long start = System.nanoTime();
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    long nanos = System.nanoTime() - start;
    boolean printedPage = output.lines().anyMatch(line -> line.trim().equals(String.valueOf(PAGE)));
    if (process.exitValue() != 0 || !printedPage) {
      throw new IllegalStateException(
          String.join(" ", command.subList(0, command.size() - 3))
              + " exited with "
              + process.exitValue()
              + ": "
              + output);
    }
    return nanos;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  /** The range of per-round ratios a/b, as "min–max". */
  private static String range(long[] a, long[] b) {
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      double ratio = (double) a[i] / b[i];
      min = Math.min(min, ratio);
      max = Math.max(max, ratio);
    }
    return String.format(Locale.ROOT, "%.2f-%.2f", min, max);
  }
}
