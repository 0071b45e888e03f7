package dev.sandbox4j.local.internal.interpreter;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One running kernel process and its protocol: frames of a kind byte, a 4-byte big-endian length
 * and a payload, requests on the process's stdin, replies on its stdout (see the driver scripts
 * next to this class).
 *
 * <p>Two daemon threads read the process: its stdout frames, and its stderr (fd-level output the
 * driver could not capture, or its own failure), which becomes stderr frames and the tail quoted
 * when the kernel dies. Both feed one queue bounded in frames and in bytes, so a client that reads
 * slowly slows the kernel down instead of filling memory.
 */
final class Kernel {

  /** Frames larger than this (a runaway result) end the kernel instead of filling memory. */
  static final int MAX_FRAME_BYTES = 32 << 20;

  /** At most this many frames, and this many payload bytes, wait to be relayed. */
  private static final int QUEUE_FRAMES = 256;

  private static final int QUEUE_BYTES = MAX_FRAME_BYTES;
  private static final int STDERR_TAIL_BYTES = 4096;
  private static final Gson GSON = new Gson();

  /** What a driver writes to its stderr to mark "everything before this is relayed". */
  static final byte[] SYNC_MARK =
      "\0\u001esandbox4j-fd-sync\u001e\0".getBytes(StandardCharsets.US_ASCII);

  /** One frame from the kernel; {@link #END} when its stdout closed (the process is gone). */
  record Frame(char kind, byte[] payload) {
    static final Frame END = new Frame('\0', new byte[0]);
    static final Frame SYNC = new Frame('S', new byte[0]);

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** Why a kernel was ended from outside while it may still be running code. */
  enum Abandonment {
    RESTARTED("ContextRestarting", "Context was restarted"),
    REMOVED("ExecutionAborted", "Context was removed"),
    CLOSED("ExecutionAborted", "The sandbox's code interpreter was shut down");

    final String errorName;
    final String errorValue;

    Abandonment(String errorName, String errorValue) {
      this.errorName = errorName;
      this.errorValue = errorValue;
    }
  }

  private final KernelLanguage language;
  private final String program;
  private final Process process;
  private final BlockingQueue<Frame> frames = new ArrayBlockingQueue<>(QUEUE_FRAMES);
  private final Semaphore queuedBytes = new Semaphore(QUEUE_BYTES);
  private final ByteBuffer stderrTail = ByteBuffer.allocate(STDERR_TAIL_BYTES);
  private volatile boolean stopped;
  private volatile Abandonment abandonment;
  private volatile String protocolProblem;
  private final Thread stderrReader;

  private Kernel(KernelLanguage language, String program, Process process) {
    this.language = language;
    this.program = program;
    this.process = process;
    String name = "sandbox4j-" + language.wireName() + "-kernel-" + process.pid();
    daemon(name + "-out", this::readFrames).start();
    stderrReader = daemon(name + "-err", this::readStderr);
    stderrReader.start();
  }

  /**
   * Launches a kernel and waits until its driver says it is ready.
   *
   * @throws KernelStartException naming the language and the program, with what it printed
   */
  static Kernel start(
      KernelLauncher launcher,
      KernelLanguage language,
      String program,
      String cwd,
      Duration timeout)
      throws KernelStartException {
    Process process;
    try {
      process = launcher.launch(language.argv(program), KernelLanguage.KERNEL_ENV, cwd);
    } catch (IOException e) {
      throw new KernelStartException(cannotStart(language, program, e.getMessage()));
    }
    Kernel kernel = new Kernel(language, program, process);
    try {
      kernel.awaitReady(timeout);
      return kernel;
    } catch (KernelStartException e) {
      kernel.destroy();
      throw e;
    }
  }

  private void awaitReady(Duration timeout) throws KernelStartException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        Frame frame = poll(deadline - System.nanoTime());
        if (frame == null) {
          throw new KernelStartException(
              cannotStart(language, program, "not ready after " + timeout.toSeconds() + " s"));
        }
        if (frame.kind() == 'R') {
          return;
        }
        if (frame == Frame.END) {
          process.waitFor(1, TimeUnit.SECONDS);
          stderrReader.join(1_000); // the failure's own words ("not found") come last, on stderr
          throw new KernelStartException(
              cannotStart(language, program, exitDescription() + ": " + stderrTail()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KernelStartException(cannotStart(language, program, "interrupted"));
    }
  }

  private static String cannotStart(KernelLanguage language, String program, String detail) {
    return "Cannot start a "
        + language.wireName()
        + " kernel: the interpreter '"
        + program
        + "' is not installed in the sandbox or failed to start ("
        + detail.strip()
        + ")";
  }

  KernelLanguage language() {
    return language;
  }

  /** Sends code to run; its output arrives as frames. */
  void execute(String code, Map<String, String> envVars) throws IOException {
    JsonObject request = new JsonObject();
    request.addProperty("code", code);
    request.add("env_vars", GSON.toJsonTree(envVars));
    send('X', GSON.toJson(request).getBytes(StandardCharsets.UTF_8));
  }

  /** Interrupts the running code (KeyboardInterrupt in python, SIGINT in node). */
  void interrupt() throws IOException {
    send('I', new byte[0]);
  }

  private void send(char kind, byte[] payload) throws IOException {
    OutputStream in = process.getOutputStream();
    synchronized (in) {
      byte[] header = ByteBuffer.allocate(5).put((byte) kind).putInt(payload.length).array();
      in.write(header);
      in.write(payload);
      in.flush();
    }
  }

  /** The next frame, waiting at most {@code nanos}; null if none came. */
  Frame poll(long nanos) throws InterruptedException {
    return taken(frames.poll(nanos, TimeUnit.NANOSECONDS));
  }

  /** The next frame if one is waiting, without taking it. */
  Frame peek() {
    return frames.peek();
  }

  /** Takes the frame {@link #peek()} returned. */
  void skip() {
    taken(frames.poll());
  }

  private Frame taken(Frame frame) {
    if (frame != null) {
      queuedBytes.release(frame.payload().length);
    }
    return frame;
  }

  /** Ends the kernel on behalf of {@code reason}; an execution still running reports it. */
  void abandon(Abandonment reason) {
    abandonment = reason;
    destroy();
  }

  Abandonment abandonment() {
    return abandonment;
  }

  /** What the driver did wrong, if the kernel was ended for breaking the protocol. */
  Optional<String> protocolProblem() {
    return Optional.ofNullable(protocolProblem);
  }

  /** Kills the kernel and every process it started; an execution waiting on it sees the end. */
  void destroy() {
    stopped = true;
    killTree();
    frames.clear();
    frames.offer(Frame.END);
  }

  /** True while the kernel process runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  private void killTree() {
    processes().forEach(ProcessHandle::destroyForcibly);
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // Already closed: the process is gone.
    }
  }

  /** Waits up to {@code timeout} for the kernel process to exit; true if it did. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The kernel process and every process below it, alive now. */
  List<ProcessHandle> processes() {
    List<ProcessHandle> tree = new ArrayList<>();
    ProcessHandle root = process.toHandle();
    if (root.isAlive()) {
      tree.add(root);
    }
    try (Stream<ProcessHandle> below = process.descendants()) {
      tree.addAll(below.filter(ProcessHandle::isAlive).collect(Collectors.toList()));
    }
    return tree;
  }

  /** "exit code 3", or "still running". */
  String exitDescription() {
    return process.isAlive() ? "still running" : "exit code " + process.exitValue();
  }

  /** The last bytes the process wrote to its own stderr, as text. */
  String stderrTail() {
    synchronized (stderrTail) {
      return new String(stderrTail.array(), 0, stderrTail.position(), StandardCharsets.UTF_8)
          .strip();
    }
  }

  private void readFrames() {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(process.getInputStream()))) {
      while (true) {
        int kind = in.read();
        if (kind < 0) {
          break;
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME_BYTES) {
          // A broken or runaway driver: ending it is the only safe answer.
          protocolProblem =
              "sent a frame of "
                  + Integer.toUnsignedString(length)
                  + " bytes, more than "
                  + MAX_FRAME_BYTES;
          break;
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length < length || !enqueue(new Frame((char) kind, payload))) {
          break;
        }
      }
    } catch (IOException gone) {
      // The pipe closed: the kernel is gone.
    }
    // Whatever ended the protocol, nothing of this kernel may keep running; the frames already
    // queued are still delivered, then the end.
    killTree();
    enqueue(Frame.END);
  }

  /**
   * Relays the process's stderr as stderr frames, turning each {@link #SYNC_MARK} into a {@code S}
   * frame: a driver that cannot capture what its children write (node) writes the mark after an
   * execution, so that everything written before it is relayed before the execution ends.
   */
  private void readStderr() {
    byte[] buffer = new byte[8192];
    byte[] pending = new byte[0];
    try (InputStream in = process.getErrorStream()) {
      int read;
      while ((read = in.read(buffer)) > 0) {
        byte[] data = Arrays.copyOf(pending, pending.length + read);
        System.arraycopy(buffer, 0, data, pending.length, read);
        int from = 0;
        for (int mark = indexOf(data, SYNC_MARK, from);
            mark >= 0;
            mark = indexOf(data, SYNC_MARK, from)) {
          if (!relayStderr(Arrays.copyOfRange(data, from, mark)) || !enqueue(Frame.SYNC)) {
            return;
          }
          from = mark + SYNC_MARK.length;
        }
        int keep = partialMarkLength(data, from);
        if (!relayStderr(Arrays.copyOfRange(data, from, data.length - keep))) {
          return;
        }
        pending = Arrays.copyOfRange(data, data.length - keep, data.length);
      }
      relayStderr(pending);
    } catch (IOException gone) {
      // The pipe closed: the kernel is gone.
    }
  }

  private boolean relayStderr(byte[] chunk) {
    if (chunk.length == 0) {
      return true;
    }
    keepTail(chunk);
    return enqueue(new Frame('E', chunk));
  }

  private static int indexOf(byte[] data, byte[] target, int from) {
    outer:
    for (int i = from; i <= data.length - target.length; i++) {
      for (int j = 0; j < target.length; j++) {
        if (data[i + j] != target[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** How many bytes at the end of {@code data} (after {@code from}) could start a mark. */
  private static int partialMarkLength(byte[] data, int from) {
    for (int keep = Math.min(SYNC_MARK.length - 1, data.length - from); keep > 0; keep--) {
      if (Arrays.equals(data, data.length - keep, data.length, SYNC_MARK, 0, keep)) {
        return keep;
      }
    }
    return 0;
  }

  private void keepTail(byte[] chunk) {
    synchronized (stderrTail) {
      int keep = Math.min(chunk.length, STDERR_TAIL_BYTES);
      if (stderrTail.remaining() < keep) {
        int drop = keep - stderrTail.remaining();
        stderrTail.flip().position(drop);
        stderrTail.compact();
      }
      stderrTail.put(chunk, chunk.length - keep, keep);
    }
  }

  /** Queues a frame, waiting while the queue is full; false once the kernel was destroyed. */
  private boolean enqueue(Frame frame) {
    int bytes = frame.payload().length;
    try {
      while (!queuedBytes.tryAcquire(bytes, 100, TimeUnit.MILLISECONDS)) {
        if (stopped) {
          return false;
        }
      }
      while (!stopped) {
        if (frames.offer(frame, 100, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    queuedBytes.release(bytes);
    return false;
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
