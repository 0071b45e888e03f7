// Data-plane conformance: the OFFICIAL novita-sandbox JS SDK (pinned in package.json) runs
// commands and uses files inside a sandbox of the server under test (normally sandbox4j's
// local-server, started by run.sh), with the SDK unchanged: only NOVITA_API_URL,
// NOVITA_SANDBOX_URL and NOVITA_API_KEY point it there.
//
// Input (environment): NOVITA_API_URL, NOVITA_SANDBOX_URL, NOVITA_API_KEY (all required).
// There is no recording proxy here: command output and watches are streams that a buffering proxy
// would hold back, so the SDK talks to the server directly.
//
// Exit code: 0 when every check passed, 1 when any failed, 2 on a usage error.
import assert from 'node:assert/strict'

import { Runner } from './lib/runner.mjs'

for (const name of ['NOVITA_API_URL', 'NOVITA_SANDBOX_URL', 'NOVITA_API_KEY']) {
  if (!process.env[name]) {
    console.error(`conformance: ${name} must be set (run.sh sets it).`)
    process.exit(2)
  }
}
if ((process.env.NOVITA_DEBUG ?? '').toLowerCase() === 'true') {
  console.error('conformance: unset NOVITA_DEBUG; in debug mode the SDK makes no create call.')
  process.exit(2)
}

const { Sandbox, CommandExitError, FileNotFoundError } = await import('novita-sandbox')

console.log(`conformance: official novita-sandbox SDK data plane -> ${process.env.NOVITA_SANDBOX_URL}`)
const runner = new Runner({ exchanges: [], verbose: false })
const check = (name, fn, opts) => runner.check(name, fn, opts)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function eventually(what, condition, timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (await condition()) return
    await sleep(50)
  }
  assert.fail(`${what}: not within ${timeoutMs} ms`)
}

async function expectRejects(promise, ErrorClass, what) {
  try {
    const value = await promise
    assert.fail(`${what}: expected ${ErrorClass.name}, but the call succeeded with ${JSON.stringify(value)}`)
  } catch (err) {
    if (err instanceof assert.AssertionError) throw err
    if (!(err instanceof ErrorClass)) assert.fail(`${what}: expected ${ErrorClass.name}, got ${err?.name}: ${err?.message}`)
    return err
  }
}

let sbx

check('create a sandbox; envd answers /health (isRunning)', async () => {
  sbx = await Sandbox.create({ timeoutMs: 120_000 })
  assert.equal(await sbx.isRunning(), true)
}, { critical: true })

check('commands.run (foreground): stdout, stderr as they come, exit code 0', async () => {
  const chunks = []
  const result = await sbx.commands.run('echo hello; echo oops >&2', { onStdout: (d) => chunks.push(d) })
  assert.equal(result.exitCode, 0)
  assert.equal(result.stdout, 'hello\n')
  assert.equal(result.stderr, 'oops\n')
  assert.deepEqual(chunks.join(''), 'hello\n')
})

check('commands.run with a non-zero exit rejects with CommandExitError (exit status 3)', async () => {
  const err = await expectRejects(sbx.commands.run('echo partial; exit 3'), CommandExitError, 'exit 3')
  assert.equal(err.exitCode, 3)
  assert.equal(err.error, 'exit status 3')
  assert.equal(err.stdout, 'partial\n')
})

check('commands.run honours envs and cwd', async () => {
  assert.equal(await sbx.files.makeDir('/home/user/wd'), true)
  const result = await sbx.commands.run('echo "$GREETING"; basename "$PWD"', { envs: { GREETING: 'hi there' }, cwd: '/home/user/wd' })
  assert.equal(result.stdout, 'hi there\nwd\n')
})

check('background command: listed, killed → wait() rejects with signal: killed, gone from the list', async () => {
  const handle = await sbx.commands.run('sleep 120', { background: true })
  assert.ok(handle.pid > 0)
  const listed = await sbx.commands.list()
  assert.ok(listed.some((p) => p.pid === handle.pid && p.args.includes('sleep 120')), JSON.stringify(listed))
  assert.equal(await handle.kill(), true)
  const err = await expectRejects(handle.wait(), CommandExitError, 'wait after kill')
  assert.equal(err.exitCode, -1)
  assert.equal(err.error, 'signal: killed')
  assert.ok(!(await sbx.commands.list()).some((p) => p.pid === handle.pid))
  assert.equal(await sbx.commands.kill(handle.pid), false)
})

check('stdin: sendStdin reaches a background command', async () => {
  const handle = await sbx.commands.run('read line; echo "got $line"', { background: true, stdin: true })
  await sbx.commands.sendStdin(handle.pid, 'abc\n')
  const result = await handle.wait()
  assert.equal(result.stdout, 'got abc\n')
})

check('files.write / read / exists / getInfo (relative paths resolve to home)', async () => {
  const info = await sbx.files.write('/home/user/a.txt', 'hello file')
  assert.equal(info.path, '/home/user/a.txt')
  assert.equal(await sbx.files.read('a.txt'), 'hello file')
  assert.equal(await sbx.files.exists('/home/user/a.txt'), true)
  assert.equal(await sbx.files.exists('/home/user/missing.txt'), false)
  const entry = await sbx.files.getInfo('/home/user/a.txt')
  assert.equal(entry.size, 10)
  assert.equal(entry.type, 'file')
  assert.equal((await sbx.commands.run('cat /home/user/a.txt')).stdout, 'hello file')
  await expectRejects(sbx.files.read('/home/user/missing.txt'), FileNotFoundError, 'read of a missing file')
})

check('files.write of several files, then list', async () => {
  const infos = await sbx.files.write([
    { path: '/home/user/many/one.txt', data: '1' },
    { path: '/home/user/many/two.txt', data: '2' },
  ])
  assert.deepEqual(infos.map((i) => i.path), ['/home/user/many/one.txt', '/home/user/many/two.txt'])
  const names = (await sbx.files.list('/home/user/many')).map((e) => e.name).sort()
  assert.deepEqual(names, ['one.txt', 'two.txt'])
})

check('files.makeDir (twice), rename, remove', async () => {
  assert.equal(await sbx.files.makeDir('/home/user/d'), true)
  assert.equal(await sbx.files.makeDir('/home/user/d'), false)
  const moved = await sbx.files.rename('/home/user/a.txt', '/home/user/d/b.txt')
  assert.equal(moved.path, '/home/user/d/b.txt')
  assert.equal(await sbx.files.exists('/home/user/a.txt'), false)
  await sbx.files.remove('/home/user/d')
  assert.equal(await sbx.files.exists('/home/user/d'), false)
})

check('files.watchDir reports a file a command creates', async () => {
  const events = []
  const handle = await sbx.files.watchDir('/home/user', (e) => events.push(e))
  try {
    await sbx.commands.run('echo x > /home/user/watched.txt')
    await eventually('a create event for watched.txt', () =>
      events.some((e) => e.name === 'watched.txt' && e.type === 'create')
    )
  } finally {
    await handle.stop()
  }
})

check('kill the sandbox: envd no longer answers for it', async () => {
  await sbx.kill()
  assert.equal(await sbx.isRunning(), false)
})

let failed
try {
  failed = await runner.run()
} finally {
  if (sbx) await sbx.kill().catch(() => {})
}
process.exitCode = failed === 0 ? 0 : 1
