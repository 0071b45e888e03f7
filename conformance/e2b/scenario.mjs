// E2B conformance: E2B's own JS SDK (package `e2b`, pinned at 2.51 and 2.50 in package.json)
// drives the server under test (sandbox4j's local-server, started by ../run.sh) through the
// control-plane calls it makes: create (2.51: POST /v2/sandboxes; 2.50: POST /sandboxes), list
// with every filter (metadata, state, startedAfter, template, order) and paging, getInfo,
// metrics, pause, connect (2.51: POST /v2/sandboxes/{id}/connect; 2.50: the v1 route), which
// resumes a paused sandbox, setTimeout and kill.
//
// Input (environment):
//   E2B_API_URL, E2B_API_KEY   the server under test and a key it accepts (required)
//   CONFORMANCE_E2B_PACKAGE    which pinned version to load: `e2b` (2.51) or `e2b-2.50`
//   CONFORMANCE_VERBOSE=1      print every HTTP exchange
//
// Exit code: 0 when every check passed, 1 when any failed, 2 on a usage error.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'

import { startRecordingProxy, formatExchange } from '../lib/wire.mjs'
import { Runner } from '../lib/runner.mjs'

const targetUrl = process.env.E2B_API_URL
const apiKey = process.env.E2B_API_KEY
const pkg = process.env.CONFORMANCE_E2B_PACKAGE ?? 'e2b'
if (!targetUrl || !apiKey) {
  console.error('conformance-e2b: E2B_API_URL and E2B_API_KEY must be set (run.sh sets them).')
  process.exit(2)
}
if ((process.env.E2B_DEBUG ?? '').toLowerCase() === 'true') {
  console.error('conformance-e2b: unset E2B_DEBUG; in debug mode the SDK makes no create call.')
  process.exit(2)
}

const proxy = await startRecordingProxy(targetUrl)
process.env.E2B_API_URL = proxy.url
process.env.E2B_DOMAIN = 'sandbox4j-conformance.invalid'

const version = createRequire(import.meta.url)(`${pkg}/package.json`).version
const { Sandbox, SandboxError, SandboxNotFoundError } = await import(pkg)
const v2 = !version.startsWith('2.50.')
console.log(`conformance-e2b: ${pkg}@${version} -> recording proxy ${proxy.url} -> ${targetUrl}`)

const runner = new Runner({ exchanges: proxy.exchanges, verbose: process.env.CONFORMANCE_VERBOSE === '1' })
const check = (name, fn, opts) => runner.check(name, fn, opts)
const TAG = `e2b-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
const sbx = {} // label -> sandbox id
const killed = new Set()

async function listAll(opts) {
  const paginator = Sandbox.list(opts)
  const pages = []
  while (paginator.hasNext) {
    if (pages.length > 100) throw new Error('more than 100 pages: the cursor does not terminate')
    pages.push(await paginator.nextItems())
  }
  return { pages, items: pages.flat() }
}
const labelOf = (id) => Object.keys(sbx).find((l) => sbx[l] === id) ?? `foreign:${id}`
const labels = (items) => items.map((i) => labelOf(i.sandboxId))
const lastRequest = () => proxy.exchanges[proxy.exchanges.length - 1]

// ---------------------------------------------------------------------------------------------

check('create: three sandboxes (base, code-interpreter-v1, base) with metadata', async () => {
  for (const [label, template] of [['a', 'base'], ['b', 'code-interpreter-v1'], ['c', 'base']]) {
    const sandbox = await Sandbox.create(template, { metadata: { run: TAG, label }, timeoutMs: 120_000 })
    sbx[label] = sandbox.sandboxId
    const request = lastRequest()
    assert.equal(`${request.method} ${request.url}`, v2 ? 'POST /v2/sandboxes' : 'POST /sandboxes')
    assert.equal(request.status, 201)
    assert.equal(JSON.parse(request.requestBody).timeout, 120)
  }
}, { critical: true })

check('create without a timeout: 300 s (2.51 leaves it to the v2 default; 2.50 sends 300)', async () => {
  const sandbox = await Sandbox.create('base', { metadata: { run: TAG, label: 'd' } })
  sbx.d = sandbox.sandboxId
  assert.equal(JSON.parse(lastRequest().requestBody).timeout, v2 ? undefined : 300)
  try {
    const info = await Sandbox.getInfo(sandbox.sandboxId)
    assert.equal((info.endAt - info.startedAt) / 1000, 300)
  } finally {
    assert.equal(await Sandbox.kill(sandbox.sandboxId), true)
    killed.add('d')
  }
})

check('create with an unknown template is rejected with the server 404 as a SandboxError', async () => {
  await assert.rejects(Sandbox.create('no-such-template', { timeoutMs: 60_000 }), (err) => {
    assert.ok(err instanceof SandboxError, `${err?.name}: ${err?.message}`)
    assert.match(err.message, /404/)
    return true
  })
  assert.equal(lastRequest().status, 404)
})

check('getInfo: template resolved to an opaque ID, alias as name, metadata, running', async () => {
  const info = await Sandbox.getInfo(sbx.b)
  assert.equal(info.sandboxId, sbx.b)
  assert.equal(info.name, 'code-interpreter-v1')
  assert.match(info.templateId, /^[a-z0-9]{20}$/)
  assert.deepEqual(info.metadata, { run: TAG, label: 'b' })
  assert.equal(info.state, 'running')
})

check('list {metadata}: newest first; order asc: oldest first; paging with limit 1', async () => {
  const desc = await listAll({ query: { metadata: { run: TAG } } })
  assert.deepEqual(labels(desc.items), ['c', 'b', 'a'])
  const asc = await listAll({ query: { metadata: { run: TAG } }, order: 'asc', limit: 1 })
  assert.equal(asc.pages.length, 3)
  assert.deepEqual(labels(asc.items), ['a', 'b', 'c'])
  const descPaged = await listAll({ query: { metadata: { run: TAG } }, order: 'desc', limit: 2 })
  assert.deepEqual(descPaged.pages.map(labels), [['c', 'b'], ['a']])
})

check('list {template}: by alias and by template ID', async () => {
  const byAlias = await listAll({ query: { metadata: { run: TAG }, template: 'code-interpreter-v1' } })
  assert.deepEqual(labels(byAlias.items), ['b'])
  const templateId = (await Sandbox.getInfo(sbx.b)).templateId
  const byId = await listAll({ query: { metadata: { run: TAG }, template: templateId } })
  assert.deepEqual(labels(byId.items), ['b'])
})

check('list {startedAfter}: an inclusive lower bound', async () => {
  const b = await Sandbox.getInfo(sbx.b)
  const after = await listAll({ query: { metadata: { run: TAG }, startedAfter: b.startedAt } })
  assert.deepEqual(labels(after.items), ['c', 'b'])
  assert.match(lastRequest().url, /startedAfter=/)
})

check('pause → true, again → false; list {state: paused} and {state: running}', async () => {
  assert.equal(await Sandbox.pause(sbx.a), true)
  assert.equal(await Sandbox.pause(sbx.a), false)
  const paused = await listAll({ query: { metadata: { run: TAG }, state: ['paused'] } })
  assert.deepEqual(labels(paused.items), ['a'])
  const running = await listAll({ query: { metadata: { run: TAG }, state: ['running'] } })
  assert.deepEqual(labels(running.items), ['c', 'b'])
})

check('connect resumes the paused sandbox (a new run: it lists newest) and keeps a running one', async () => {
  const before = await Sandbox.getInfo(sbx.a)
  const resumed = await Sandbox.connect(sbx.a, { timeoutMs: 90_000 })
  assert.equal(resumed.sandboxId, sbx.a)
  const request = lastRequest()
  assert.equal(`${request.method} ${request.url}`, `POST ${v2 ? '/v2' : ''}/sandboxes/${sbx.a}/connect`)
  assert.equal(request.status, 201)
  const after = await Sandbox.getInfo(sbx.a)
  assert.equal(after.state, 'running')
  assert.ok(after.startedAt > before.startedAt, 'resume restarts the run')
  const all = await listAll({ query: { metadata: { run: TAG } } })
  assert.deepEqual(labels(all.items), ['a', 'c', 'b'])
  await Sandbox.connect(sbx.b, { timeoutMs: 60_000 })
  assert.equal(lastRequest().status, 200)
})

check('connect to a missing sandbox: SandboxNotFoundError', async () => {
  await assert.rejects(Sandbox.connect('nosuchsandbox0000000', { timeoutMs: 60_000 }), SandboxNotFoundError)
})

check('setTimeout and getMetrics on a running sandbox', async () => {
  await Sandbox.setTimeout(sbx.c, 30_000)
  const info = await Sandbox.getInfo(sbx.c)
  assert.ok(Math.abs(info.endAt - Date.now() - 30_000) < 5_000, `endAt ${info.endAt.toISOString()}`)
  const metrics = await Sandbox.getMetrics(sbx.c)
  assert.ok(Array.isArray(metrics))
  assert.equal(lastRequest().status, 200)
})

check('kill → true, again → false; list {run} is empty', async () => {
  for (const label of ['a', 'b', 'c']) {
    assert.equal(await Sandbox.kill(sbx[label]), true, `kill ${label}`)
    killed.add(label)
  }
  assert.equal(await Sandbox.kill(sbx.a), false)
  const { items } = await listAll({ query: { metadata: { run: TAG } } })
  assert.deepEqual(items, [])
})

let failed
try {
  failed = await runner.run()
} finally {
  for (const label of Object.keys(sbx)) {
    if (!killed.has(label)) await Sandbox.kill(sbx[label]).catch(() => {})
  }
  if (process.env.CONFORMANCE_WIRE_LOG) {
    const { writeFileSync } = await import('node:fs')
    writeFileSync(process.env.CONFORMANCE_WIRE_LOG, proxy.exchanges.map(formatExchange).join('\n') + '\n')
  }
  await proxy.close()
}
process.exitCode = failed === 0 ? 0 : 1
