// The javascript kernel of sandbox4j's local code interpreter. Java runs it through bash, which
// moves the protocol to fds 3 (replies) and 4 (requests) and points fds 0, 1 and 2 away from it
// (/dev/null, and the process's stderr), so programs the code starts cannot corrupt the protocol.
//
// Frames: one kind byte, a 4-byte big-endian length, a payload; the same kinds as the python
// kernel (requests X and I; replies R, C, O, E, D, X, F), plus a sync mark on stderr after each
// execution. console.log and process.stdout/stderr writes become O and E frames in the order
// they happen. Code runs in this context, so state (var, let, const, functions) survives from
// one execution to the next.
'use strict';
(function kernel() {
  const fs = require('fs');
  const util = require('util');
  const vm = require('vm');
  const { Worker } = require('worker_threads');
  const PROTO_OUT = 3;
  const CHUNK = 65536;
  const MAX_RESULT_BYTES = 32 * 1024 * 1024 - 64; // Java ends a kernel that sends a larger frame
  const SYNC_MARK = Buffer.from('\0\x1esandbox4j-fd-sync\x1e\0', 'latin1');

  function writeAll(buffer) {
    let offset = 0;
    while (offset < buffer.length) {
      try {
        offset += fs.writeSync(PROTO_OUT, buffer, offset, buffer.length - offset);
      } catch (error) {
        if (error.code !== 'EAGAIN') throw error;
      }
    }
  }

  function send(kind, payload) {
    let body = Buffer.alloc(0);
    if (Buffer.isBuffer(payload)) body = payload;
    else if (payload !== undefined) body = Buffer.from(JSON.stringify(payload), 'utf8');
    const header = Buffer.alloc(5);
    header.write(kind, 0, 'latin1');
    header.writeUInt32BE(body.length, 1);
    writeAll(Buffer.concat([header, body]));
  }

  function streamWriter(kind) {
    return function write(chunk, encoding, callback) {
      if (typeof encoding === 'function') {
        callback = encoding;
        encoding = undefined;
      }
      const data =
        typeof chunk === 'string' ? Buffer.from(chunk, encoding || 'utf8') : Buffer.from(chunk);
      for (let start = 0; start < data.length; start += CHUNK) {
        send(kind, data.subarray(start, start + CHUNK));
      }
      if (typeof callback === 'function') process.nextTick(callback);
      return true;
    };
  }

  process.stdout.write = streamWriter('O');
  process.stderr.write = streamWriter('E');
  process.on('SIGINT', () => {}); // an interrupt that arrives between executions is dropped
  // A failure in a callback or an unawaited promise is reported, as a REPL does, and the kernel
  // (with the context's state) lives on instead of exiting.
  process.on('uncaughtException', (error) => {
    const text = error && error.stack ? error.stack : util.inspect(error);
    process.stderr.write('Uncaught ' + text + '\n');
  });
  process.on('unhandledRejection', (reason) => {
    process.stderr.write('Unhandled rejection: ' + util.inspect(reason) + '\n');
  });
  globalThis.require = require;

  // Requests are read on a worker thread, so an interrupt reaches code that never yields.
  const reader = new Worker(
    `
    const fs = require('fs');
    const { parentPort } = require('worker_threads');
    function readExactly(length) {
      const buffer = Buffer.alloc(length);
      let offset = 0;
      while (offset < length) {
        let read;
        try {
          read = fs.readSync(4, buffer, offset, length - offset, null);
        } catch (error) {
          if (error.code === 'EAGAIN') continue;
          throw error;
        }
        if (read === 0) return null;
        offset += read;
      }
      return buffer;
    }
    for (;;) {
      const header = readExactly(5);
      const payload = header && readExactly(header.readUInt32BE(1));
      if (payload === null) {
        parentPort.postMessage({ eof: true });
        break;
      }
      const kind = header.toString('latin1', 0, 1);
      if (kind === 'I') process.kill(process.pid, 'SIGINT');
      else if (kind === 'X') parentPort.postMessage(JSON.parse(payload.toString('utf8')));
    }
    `,
    { eval: true });

  let count = 0;
  let queue = Promise.resolve();
  reader.on('message', (message) => {
    if (message.eof) process.exit(0); // Java closed the pipe: the context is gone
    queue = queue.then(() => execute(message)).catch(() => {});
  });

  function sendResult(result) {
    const payload = Buffer.from(JSON.stringify(result), 'utf8');
    if (payload.length <= MAX_RESULT_BYTES) {
      send('D', payload);
      return;
    }
    const value =
      `The result is ${payload.length} bytes, ` +
      `more than the local code interpreter's limit of ${MAX_RESULT_BYTES}`;
    send('X', { name: 'ResultTooLarge', value, traceback: 'ResultTooLarge: ' + value });
  }

  function plainText(value) {
    const text = typeof value === 'string' ? `'${value}'` : util.inspect(value);
    const quoted = text.length >= 2 && text[0] === text[text.length - 1] && `'"`.includes(text[0]);
    return quoted ? text.slice(1, -1) : text;
  }

  function describe(error) {
    if (error instanceof Error) {
      // The kernel's own frames (vm, this script) say nothing about the user's code.
      const stack = String(error.stack || error)
        .split('\n')
        .filter((line) => !/^\s+at .*(\(node:|\[eval\])/.test(line))
        .join('\n');
      return { name: error.name, value: error.message, traceback: stack };
    }
    return { name: 'Error', value: String(error), traceback: 'Uncaught ' + util.inspect(error) };
  }

  async function execute(request) {
    count += 1;
    send('C', { execution_count: count });
    const env = request.env_vars || {};
    const saved = {};
    for (const name of Object.keys(env)) {
      saved[name] = process.env[name];
      process.env[name] = env[name];
    }
    try {
      const options = { filename: `<cell-${count}>`, breakOnSigint: true };
      let value = vm.runInThisContext(request.code, options);
      if (value !== null && typeof value === 'object' && typeof value.then === 'function') {
        value = await value;
      }
      if (value !== undefined) sendResult({ text: plainText(value), is_main_result: true });
    } catch (error) {
      send('X', describe(error));
    } finally {
      for (const name of Object.keys(saved)) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
      // Children write to fd 2 (the kernel's stderr) directly; this mark tells Java that all
      // of it has been relayed once the mark has.
      fs.writeSync(2, SYNC_MARK);
      send('F');
    }
  }

  send('R', { pid: process.pid });
})();
