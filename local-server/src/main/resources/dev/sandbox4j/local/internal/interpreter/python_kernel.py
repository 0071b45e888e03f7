# The python kernel of sandbox4j's local code interpreter. Java runs it as `python3 -u -c <this>`.
#
# Protocol: frames of one kind byte, a 4-byte big-endian length and a payload, on the process's
# original stdin (requests) and stdout (replies). Before anything else runs, those two descriptors
# are moved out of the way: fd 0 becomes /dev/null and fds 1 and 2 become pipes this script
# reads, so neither user code nor the programs it starts can read or corrupt the protocol.
#
# Requests: X {"code", "env_vars"} runs code; I interrupts the running code (SIGINT to its main
# thread, which also works inside a pid namespace).
# Replies: R {"pid"} once ready; per execution C {"execution_count"}, any number of O/E (raw
# stdout/stderr bytes) and D (a result object), at most one X {"name","value","traceback"}, and
# F last.
import ast
import asyncio
import base64
import builtins
import inspect
import io
import json
import linecache
import os
import queue
import select
import signal
import struct
import sys
import threading
import traceback

CHUNK = 65536
FLUSH_SECONDS = 0.2
MAX_RESULT_BYTES = 32 * 1024 * 1024 - 64  # Java ends a kernel that sends a larger frame
SYNC_MARK = b"\x00\x1esandbox4j-fd-sync\x1e\x00"


def main():
    proto_in = os.dup(0)
    proto_out = os.dup(1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    os.dup2(out_w, 1)
    os.dup2(err_w, 2)
    os.close(out_w)
    os.close(err_w)

    send_lock = threading.Lock()
    main_thread = threading.main_thread()

    def send(kind, payload=b""):
        if not isinstance(payload, (bytes, bytearray)):
            payload = json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass")
        data = kind + struct.pack(">I", len(payload)) + bytes(payload)
        on_main = threading.current_thread() is main_thread
        if on_main:
            kernel.sending = True  # an interrupt now must not cut a frame in half
        try:
            with send_lock:
                view = memoryview(data)
                while view:
                    view = view[os.write(proto_out, view):]
        finally:
            if on_main:
                kernel.sending = False
        if on_main and kernel.interrupt_pending and kernel.running:
            kernel.interrupt_pending = False
            raise KeyboardInterrupt

    kernel = Kernel(send, out_r, err_r)
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
    sys.stdout, sys.stderr = kernel.writers
    signal.signal(signal.SIGINT, kernel.on_sigint)
    threading.Thread(target=kernel.pump_descriptors, daemon=True).start()
    threading.Thread(target=read_requests, args=(proto_in, kernel), daemon=True).start()
    send(b"R", {"pid": os.getpid()})
    while True:
        kernel.execute(kernel.requests.get())


def read_exactly(fd, n):
    chunks = []
    while n > 0:
        chunk = os.read(fd, n)
        if not chunk:
            os._exit(0)  # Java closed the pipe: the context is gone
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_requests(fd, kernel):
    while True:
        header = read_exactly(fd, 5)
        payload = read_exactly(fd, struct.unpack(">I", header[1:])[0])
        if header[:1] == b"I":
            signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
        elif header[:1] == b"X":
            kernel.requests.put(json.loads(payload.decode("utf-8")))


class FrameWriter(io.TextIOBase):
    """sys.stdout / sys.stderr: output becomes frames line by line, in the order it is written.

    A partial line waits for its newline, an explicit flush, a write to the other stream, the
    end of the execution, or at most FLUSH_SECONDS.
    """

    def __init__(self, send, kind, fd, lock):
        self._fd = fd
        self.buffer = _BinaryFrameWriter(send, kind, lock)

    @property
    def encoding(self):
        return "utf-8"

    def writable(self):
        return True

    def fileno(self):
        return self._fd

    def isatty(self):
        return False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not " + type(text).__name__)
        try:
            data = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            data = text.encode("utf-8", "backslashreplace")
        self.buffer.write(data)
        return len(text)

    def flush(self):
        self.buffer.flush()


class _BinaryFrameWriter(io.RawIOBase):
    def __init__(self, send, kind, lock):
        self._send = send
        self._kind = kind
        self._lock = lock
        self._pending = bytearray()
        self.other = None

    def writable(self):
        return True

    def write(self, data):
        data = bytes(data)
        with self._lock:
            self.other.flush()  # keeps stdout and stderr in the order they were written
            self._pending += data
            if b"\n" in data or len(self._pending) >= CHUNK:
                self.flush()
        return len(data)

    def flush(self):
        with self._lock:
            while self._pending:
                chunk = bytes(self._pending[:CHUNK])
                del self._pending[:CHUNK]
                self._send(self._kind, chunk)


class Kernel:
    def __init__(self, send, out_r, err_r):
        self.send = send
        self.requests = queue.Queue()
        self.count = 0
        self.running = False
        self.loop = None
        self.sending = False
        self.interrupt_pending = False
        lock = threading.RLock()
        self.writers = (FrameWriter(send, b"O", 1, lock), FrameWriter(send, b"E", 2, lock))
        self.writers[0].buffer.other = self.writers[1].buffer
        self.writers[1].buffer.other = self.writers[0].buffer
        self.namespace = {"__name__": "__main__", "__builtins__": builtins, "display": self.display}
        self.streams = {out_r: b"O", err_r: b"E"}
        self.synced = {out_r: threading.Event(), err_r: threading.Event()}

    def on_sigint(self, signum, frame):
        if not self.running:  # an interrupt that arrives between executions is dropped
            return
        if self.sending:
            self.interrupt_pending = True  # raised once the frame is complete
            return
        raise KeyboardInterrupt

    def flush_writers(self):
        for writer in self.writers:
            writer.flush()

    def execute(self, request):
        self.count += 1
        self.send(b"C", {"execution_count": self.count})
        saved = {name: os.environ.get(name) for name in request.get("env_vars") or {}}
        os.environ.update(request.get("env_vars") or {})
        try:
            self.run(request["code"])
            self.running = False
        except BaseException as error:  # KeyboardInterrupt and SystemExit too: the kernel lives on
            self.running = False
            self.send_error(error)
        finally:
            self.running = False
            self.interrupt_pending = False
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            self.sync_descriptors()
            self.send(b"F")

    def run(self, code):
        filename = "<cell-%d>" % self.count
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        tree = ast.parse(code, filename, "exec")
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        # Top-level await is allowed, as in IPython; such code runs on the kernel's event loop.
        flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
        body = compile(tree, filename, "exec", flags=flags)
        tail = compile(last, filename, "eval", flags=flags) if last is not None else None
        self.running = True
        self.evaluate(body)
        value = self.evaluate(tail) if tail is not None else None
        self.flush_writers()
        self.running = False
        if value is not None:
            self.namespace["_"] = value
            self.send_result(value, True)

    def evaluate(self, code):
        value = eval(code, self.namespace)
        if code.co_flags & inspect.CO_COROUTINE:
            if self.loop is None:
                self.loop = asyncio.new_event_loop()
            value = self.loop.run_until_complete(value)
        return value

    def display(self, *values):
        """Like IPython's display(): each value becomes a result that is not the main one."""
        for value in values:
            self.send_result(value, False)

    def send_result(self, value, main):
        result = formats(value)
        result["is_main_result"] = main
        payload = json.dumps(result, ensure_ascii=False).encode("utf-8", "surrogatepass")
        if len(payload) > MAX_RESULT_BYTES:
            error = ResultTooLarge(
                "The result is %d bytes, more than the local code interpreter's limit of %d"
                % (len(payload), MAX_RESULT_BYTES))
            if not main:
                raise error  # display() fails in the user's code, which may go on
            self.send_error(error)
            return
        self.send(b"D", payload)

    def send_error(self, error):
        self.flush_writers()
        tb = error.__traceback__
        # Drop this script's own frames: the traceback starts in the user's cell.
        while tb is not None and not tb.tb_frame.f_code.co_filename.startswith("<cell-"):
            tb = tb.tb_next
        report = traceback.TracebackException(type(error), error, tb)
        # ...and leaves out the signal handler that raised KeyboardInterrupt ("<string>" is -c).
        report.stack = traceback.StackSummary.from_list(
            [frame for frame in report.stack if frame.filename != "<string>"])
        self.send(b"X", {
            "name": type(error).__name__,
            "value": str(error),
            "traceback": "".join(report.format()).rstrip("\n"),
        })

    def pump_descriptors(self):
        """Streams what reaches fds 1 and 2 (programs the code starts, C libraries, os.write)."""
        pending = {fd: b"" for fd in self.streams}
        while True:
            ready, _, _ = select.select(list(self.streams), [], [], FLUSH_SECONDS)
            self.flush_writers()
            for fd in ready:
                data = pending[fd] + os.read(fd, CHUNK)
                mark = data.find(SYNC_MARK)
                while mark >= 0:
                    self.forward(fd, data[:mark])
                    data = data[mark + len(SYNC_MARK):]
                    self.synced[fd].set()
                    mark = data.find(SYNC_MARK)
                keep = partial_mark_length(data)
                self.forward(fd, data[:len(data) - keep])
                pending[fd] = data[len(data) - keep:]

    def forward(self, fd, data):
        if data:
            self.send(self.streams[fd], data)

    def sync_descriptors(self):
        """Waits until everything written to fds 1 and 2 so far has been forwarded."""
        self.flush_writers()
        waiting = []
        for fd, event in self.synced.items():
            event.clear()
            try:
                os.write(1 if self.streams[fd] == b"O" else 2, SYNC_MARK)
                waiting.append(event)
            except OSError:
                pass  # the code closed or replaced the descriptor: nothing to wait for
        for event in waiting:
            event.wait(5)


class ResultTooLarge(Exception):
    pass


def partial_mark_length(data):
    for keep in range(min(len(SYNC_MARK) - 1, len(data)), 0, -1):
        if data.endswith(SYNC_MARK[:keep]):
            return keep
    return 0


BINARY_FORMATS = {"png", "jpeg", "pdf"}
REPR_METHODS = [
    ("html", "_repr_html_"),
    ("markdown", "_repr_markdown_"),
    ("svg", "_repr_svg_"),
    ("png", "_repr_png_"),
    ("jpeg", "_repr_jpeg_"),
    ("pdf", "_repr_pdf_"),
    ("latex", "_repr_latex_"),
    ("json", "_repr_json_"),
    ("javascript", "_repr_javascript_"),
]


def formats(value):
    """The representations IPython would offer for a value, keyed as the NDJSON result line."""
    result = {"text": plain_text(value)}
    if isinstance(value, type):
        return result
    for key, method in REPR_METHODS:
        try:
            rendered = getattr(value, method, None)
            rendered = rendered() if callable(rendered) else None
            if isinstance(rendered, tuple):  # (data, metadata)
                rendered = rendered[0]
        except Exception:
            continue
        if rendered is None:
            continue
        if key in BINARY_FORMATS and isinstance(rendered, (bytes, bytearray)):
            rendered = base64.b64encode(rendered).decode("ascii")
        if key == "json" and not isinstance(rendered, dict):
            continue
        result[key] = rendered
    if "png" not in result and type(value).__module__.startswith("matplotlib"):
        png = matplotlib_png(value)
        if png is not None:
            result["png"] = png
    return result


def plain_text(value):
    try:
        text = repr(value)
    except Exception as error:
        text = "<repr failed: %s>" % error
    # The real server strips the quotes around a repr'd string.
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return text


def matplotlib_png(value):
    figure = getattr(value, "figure", value)
    if not hasattr(figure, "savefig"):
        return None
    try:
        data = io.BytesIO()
        figure.savefig(data, format="png")
        return base64.b64encode(data.getvalue()).decode("ascii")
    except Exception:
        return None


main()
