// Conformance scenario: the OFFICIAL novita-sandbox JS SDK (pinned in package.json) drives a
// server that claims to speak the Novita Sandbox control-plane API (normally sandbox4j's
// local-server, started by run.sh). Any response the official SDK rejects, and any answer that
// differs from the API's documented semantics, fails a check.
//
// Input (environment):
//   NOVITA_API_URL   the server under test, e.g. http://127.0.0.1:41234 (required)
//   NOVITA_API_KEY   a key the server accepts (required)
//   CONFORMANCE_VERBOSE=1  print every HTTP exchange, not only those of failed checks
//
// Only control-plane calls are made (create, list, getInfo, pause, connect, setTimeout, kill).
// None of them contacts envd (the in-sandbox daemon, port 49983) in this SDK version; to prove
// it, NOVITA_SANDBOX_URL is pointed at a sentinel server and the last check asserts that the
// sentinel saw no request.
//
// Exit code: 0 when every check passed, 1 when any failed, 2 on a usage error.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'

import { startRecordingProxy, startSentinel, formatExchange } from './lib/wire.mjs'
import { Runner } from './lib/runner.mjs'

// ---------------------------------------------------------------------------------------------
// Environment: point the official SDK at the recording proxy, never at a real cloud endpoint.

const targetUrl = process.env.NOVITA_API_URL
const apiKey = process.env.NOVITA_API_KEY
if (!targetUrl || !apiKey) {
  console.error('conformance: NOVITA_API_URL and NOVITA_API_KEY must be set (run.sh sets them).')
  process.exit(2)
}
if ((process.env.NOVITA_DEBUG ?? '').toLowerCase() === 'true') {
  // In debug mode the SDK fakes create() and skips setTimeout()/kill(): nothing would be tested.
  console.error('conformance: unset NOVITA_DEBUG; in debug mode the SDK makes no create call.')
  process.exit(2)
}
if (process.env.NOVITA_ACCESS_TOKEN) {
  console.error('conformance: unset NOVITA_ACCESS_TOKEN; this scenario authenticates with the API key only.')
  process.exit(2)
}

const proxy = await startRecordingProxy(targetUrl)
const sentinel = await startSentinel()
process.env.NOVITA_API_URL = proxy.url
process.env.NOVITA_SANDBOX_URL = sentinel.url
// A non-legacy domain that cannot resolve: the SDK only uses it to build envd/port URLs.
process.env.NOVITA_DOMAIN = 'sandbox4j-conformance.invalid'

// Imported after the environment is set, although the SDK reads it lazily anyway.
const { Sandbox, SandboxError, SandboxNotFoundError, AuthenticationError } = await import('novita-sandbox')

const verbose = process.env.CONFORMANCE_VERBOSE === '1'
console.log(`conformance: official novita-sandbox SDK -> recording proxy ${proxy.url} -> ${targetUrl}`)

// ---------------------------------------------------------------------------------------------
// Scenario data. Every sandbox of this run carries `run: TAG`, so the expectations are exact
// sets even if the server holds other sandboxes.

const TAG = `cf-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
const CURSOR_TAG = `${TAG}-cursor`

// Keys and values with & = % + / space and non-ASCII. The "trap" sandboxes hold exactly what a
// server that decodes the metadata filter one time too many would wrongly match:
//   "a&b=c" split on the literal & / =   -> {"user id": "a", "b": "c"}   (ampTrap)
//   "+" unescaped once more to a space   -> {"k ": "x y"}                 (plusTrap)
const SPECS = [
  {
    label: 'amp',
    metadata: { run: TAG, 'user id': 'a&b=c', 'q&a=1': '%20 literal', 'path/ü': '50% + 日本', 'k+': 'x+y' },
    timeoutMs: undefined, // the SDK sends its default: 300 s
    expectedTimeoutS: 300,
  },
  { label: 'ampTrap', metadata: { run: TAG, 'user id': 'a', b: 'c' }, timeoutMs: 123_400, expectedTimeoutS: 124 },
  { label: 'plusTrap', metadata: { run: TAG, 'k ': 'x y' }, timeoutMs: 240_000, expectedTimeoutS: 240 },
  {
    label: 'uni',
    metadata: { run: TAG, ort: 'München', 'städte': '東京/日本', tier: 'gold' },
    timeoutMs: 600_000,
    expectedTimeoutS: 600,
  },
  { label: 'plain', metadata: { run: TAG, tier: 'gold', env: 'dev' }, timeoutMs: 450_000, expectedTimeoutS: 450 },
]
const CREATED_ORDER = SPECS.map((s) => s.label)
const NEWEST_FIRST = [...CREATED_ORDER].reverse()

const sbx = {} // label -> { id, instance, spec, createdFrom, createdTo }
const labelById = new Map()
const killed = new Set() // labels
const SLACK_MS = 2_500 // clock tolerance for server-computed times (same machine, second rounding)

// ---------------------------------------------------------------------------------------------
// Helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const label = (id) => labelById.get(id) ?? `foreign:${id}`
const labels = (infos) => infos.map((i) => label(i.sandboxId))
const ours = (labelsList) => labelsList.filter((l) => !l.startsWith('foreign:'))
const fmt = (ms) => new Date(ms).toISOString()

/** Fetches every page; returns { pages: SandboxInfo[][], items, paginator }. */
async function listAll(opts, maxPages = 1000) {
  const paginator = Sandbox.list(opts)
  const pages = []
  while (paginator.hasNext) {
    if (pages.length >= maxPages) throw new Error(`more than ${maxPages} pages: the cursor does not terminate`)
    const before = paginator.nextToken
    pages.push(await paginator.nextItems())
    if (paginator.hasNext && paginator.nextToken === before) {
      throw new Error(`the server returned the same X-Next-Token it was given (${before}): endless loop`)
    }
  }
  return { pages, items: pages.flat(), paginator }
}

function assertLabels(actual, expected, what) {
  assert.deepStrictEqual(
    actual,
    expected,
    `${what}\n  expected (newest first): [${expected.join(', ')}]\n  actual:                  [${actual.join(', ')}]`
  )
}

async function expectRejects(promise, ErrorClass, what) {
  let value
  try {
    value = await promise
  } catch (err) {
    if (!(err instanceof ErrorClass)) {
      assert.fail(`${what}: expected ${ErrorClass.name}, got ${err?.name}: ${err?.message}`)
    }
    return err
  }
  assert.fail(`${what}: expected ${ErrorClass.name}, but the call succeeded with ${JSON.stringify(value)}`)
}

function assertValidDate(d, what) {
  assert.ok(d instanceof Date && Number.isFinite(d.getTime()), `${what} is not a valid date: ${d}`)
}

/** Asserts that `actualMs` lies in [lo - SLACK, hi + SLACK]. */
function assertWithin(actualMs, lo, hi, what) {
  assert.ok(
    actualMs >= lo - SLACK_MS && actualMs <= hi + SLACK_MS,
    `${what}: ${fmt(actualMs)} is outside [${fmt(lo)}, ${fmt(hi)}] ± ${SLACK_MS} ms`
  )
}

/** The status the server answered for the last `method path` exchange since index `from`. */
function lastStatus(from, method, pathSuffix) {
  const hit = proxy.exchanges
    .slice(from)
    .filter((e) => e.method === method && e.url.split('?')[0].endsWith(pathSuffix))
    .pop()
  assert.ok(hit, `no ${method} …${pathSuffix} request was recorded`)
  return hit.status
}

const runner = new Runner({ exchanges: proxy.exchanges, verbose })
const check = runner.check.bind(runner)

// ---------------------------------------------------------------------------------------------
// 1. Reachability and authentication

check(
  'the server answers an authenticated list (GET /v2/sandboxes → 200, JSON array)',
  async () => {
    const mark = proxy.exchanges.length
    const page = await Sandbox.list({ limit: 1 }).nextItems()
    assert.ok(Array.isArray(page), 'nextItems() did not return an array')
    assert.equal(lastStatus(mark, 'GET', '/v2/sandboxes'), 200)
  },
  { critical: true }
)

check('a wrong API key gives AuthenticationError (401) on list, getInfo and create', async () => {
  const mark = proxy.exchanges.length
  const wrong = { apiKey: 'sandbox4j-conformance-wrong-key' }
  await expectRejects(Sandbox.list(wrong).nextItems(), AuthenticationError, 'list with a wrong key')
  await expectRejects(Sandbox.getInfo('anyid', wrong), AuthenticationError, 'getInfo with a wrong key')
  await expectRejects(Sandbox.create({ ...wrong, metadata: { run: TAG } }), AuthenticationError, 'create with a wrong key')
  const statuses = proxy.exchanges.slice(mark).map((e) => e.status)
  assert.deepStrictEqual(statuses, [401, 401, 401], 'every request with a wrong key must get exactly 401')
})

// ---------------------------------------------------------------------------------------------
// 2. Create

check(
  `create ${SPECS.length} sandboxes whose metadata holds & = % + / space ü 日本`,
  async () => {
    for (const spec of SPECS) {
      const mark = proxy.exchanges.length
      const createdFrom = Date.now()
      const instance = await Sandbox.create({
        metadata: spec.metadata,
        ...(spec.timeoutMs !== undefined ? { timeoutMs: spec.timeoutMs } : {}),
      })
      const createdTo = Date.now()
      assert.equal(lastStatus(mark, 'POST', '/sandboxes'), 201, `create ${spec.label}: expected status 201`)
      assert.equal(typeof instance.sandboxId, 'string', `create ${spec.label}: sandboxId is not a string`)
      assert.ok(instance.sandboxId.length > 0, `create ${spec.label}: empty sandboxId`)
      assert.ok(!labelById.has(instance.sandboxId), `create ${spec.label}: duplicate sandboxId ${instance.sandboxId}`)
      sbx[spec.label] = { id: instance.sandboxId, instance, spec, createdFrom, createdTo }
      labelById.set(instance.sandboxId, spec.label)
      // Distinct start times make "newest first" a strict, checkable order.
      await sleep(15)
    }
    console.log(`    run tag ${TAG}; ids: ${CREATED_ORDER.map((l) => `${l}=${sbx[l].id}`).join(', ')}`)
  },
  { critical: true }
)

check('getInfo returns every field, and the metadata exactly as created', async () => {
  for (const l of CREATED_ORDER) {
    const { id, spec, createdFrom, createdTo } = sbx[l]
    const info = await Sandbox.getInfo(id)
    const w = `getInfo(${l})`
    assert.equal(info.sandboxId, id, `${w}.sandboxId`)
    assert.ok(
      info.templateId === 'base' || info.name === 'base',
      `${w}: created from template "base" but templateId=${JSON.stringify(info.templateId)}, name (alias)=${JSON.stringify(info.name)}`
    )
    assert.deepStrictEqual(info.metadata, spec.metadata, `${w}.metadata did not round-trip exactly`)
    assert.equal(info.state, 'running', `${w}.state`)
    assertValidDate(info.startedAt, `${w}.startedAt`)
    assertValidDate(info.endAt, `${w}.endAt`)
    assertWithin(info.startedAt.getTime(), createdFrom, createdTo, `${w}.startedAt`)
    const lifetimeS = (info.endAt.getTime() - info.startedAt.getTime()) / 1000
    assert.ok(
      Math.abs(lifetimeS - spec.expectedTimeoutS) <= SLACK_MS / 1000,
      `${w}: endAt - startedAt = ${lifetimeS} s, expected the requested timeout ${spec.expectedTimeoutS} s`
    )
    assert.ok(Number.isInteger(info.cpuCount) && info.cpuCount >= 1, `${w}.cpuCount = ${info.cpuCount}`)
    assert.ok(Number.isInteger(info.memoryMB) && info.memoryMB >= 128, `${w}.memoryMB = ${info.memoryMB}`)
    assert.ok(typeof info.envdVersion === 'string' && info.envdVersion.length > 0, `${w}.envdVersion = ${info.envdVersion}`)
  }
})

check('instance getInfo() of a created Sandbox agrees with the static Sandbox.getInfo', async () => {
  const a = await sbx.uni.instance.getInfo()
  const b = await Sandbox.getInfo(sbx.uni.id)
  assert.equal(a.sandboxId, b.sandboxId)
  assert.deepStrictEqual(a.metadata, b.metadata)
  assert.equal(a.startedAt.getTime(), b.startedAt.getTime(), 'startedAt differs between two getInfo calls')
})

// ---------------------------------------------------------------------------------------------
// 3. List with metadata filters: exact sets, newest first

check(`list {run} without state → all ${SPECS.length}, newest first, metadata round-trips`, async () => {
  const { items } = await listAll({ query: { metadata: { run: TAG } } })
  assertLabels(labels(items), NEWEST_FIRST, 'list {run}')
  for (const info of items) {
    const l = label(info.sandboxId)
    assert.deepStrictEqual(info.metadata, sbx[l].spec.metadata, `list item ${l}: metadata did not round-trip exactly`)
    assert.equal(info.state, 'running', `list item ${l}: state`)
    assertValidDate(info.startedAt, `list item ${l}: startedAt`)
    assertValidDate(info.endAt, `list item ${l}: endAt`)
    assert.equal(info.templateId === 'base' || info.name === 'base', true, `list item ${l}: template`)
  }
})

const FILTERS = [
  { why: "'user id' = 'a&b=c' (space in key; & and = in value)", filter: { 'user id': 'a&b=c' }, expect: ['amp'] },
  { why: "the ampTrap pair {'user id': 'a', b: 'c'}", filter: { 'user id': 'a', b: 'c' }, expect: ['ampTrap'] },
  { why: "'k+' = 'x+y' (literal plus signs)", filter: { 'k+': 'x+y' }, expect: ['amp'] },
  { why: "'k ' = 'x y' (the plusTrap spaces)", filter: { 'k ': 'x y' }, expect: ['plusTrap'] },
  { why: "'q&a=1' = '%20 literal' (& = in key, literal %20 in value)", filter: { 'q&a=1': '%20 literal' }, expect: ['amp'] },
  { why: "'path/ü' = '50% + 日本' (slash, ü, %, +, CJK)", filter: { 'path/ü': '50% + 日本' }, expect: ['amp'] },
  { why: "'städte' = '東京/日本' and 'ort' = 'München'", filter: { 'städte': '東京/日本', ort: 'München' }, expect: ['uni'] },
  { why: "'tier' = 'gold' (two matches)", filter: { tier: 'gold' }, expect: ['plain', 'uni'] },
  { why: "'tier' = 'gold' AND 'env' = 'dev'", filter: { tier: 'gold', env: 'dev' }, expect: ['plain'] },
  { why: "'user id' = 'a&b' (a prefix of a value: exact match only)", filter: { 'user id': 'a&b' }, expect: [] },
  { why: "'ort' = 'münchen' (case differs: exact match only)", filter: { ort: 'münchen' }, expect: [] },
  { why: "'tier' = 'gold' AND 'env' = 'prod' (AND, no match)", filter: { tier: 'gold', env: 'prod' }, expect: [] },
]
for (const f of FILTERS) {
  check(`list metadata filter {run, ${f.why}} → [${f.expect.join(', ')}]`, async () => {
    const { items, pages } = await listAll({ query: { metadata: { run: TAG, ...f.filter } } })
    assertLabels(labels(items), f.expect, `filter ${JSON.stringify(f.filter)}`)
    assert.equal(pages.length, 1, `a result of ${f.expect.length} with the default limit must be one page, got ${pages.length}`)
  })
}

// ---------------------------------------------------------------------------------------------
// 4. Pagination with limit 2

check('paginate {run} with limit 2: pages [2, 2, 1], each sandbox once, newest first', async () => {
  const mark = proxy.exchanges.length
  const paginator = Sandbox.list({ query: { metadata: { run: TAG } }, limit: 2 })
  assert.equal(paginator.hasNext, true, 'hasNext must be true before the first fetch')
  assert.equal(paginator.nextToken, undefined, 'nextToken must be undefined before the first fetch')
  const pages = []
  const tokens = []
  while (paginator.hasNext) {
    assert.ok(pages.length < 10, 'more than 10 pages for 5 sandboxes: the cursor does not terminate')
    const page = await paginator.nextItems()
    pages.push(labels(page))
    tokens.push(paginator.nextToken)
    if (paginator.hasNext) {
      assert.ok(typeof paginator.nextToken === 'string' && paginator.nextToken.length > 0, 'hasNext without a nextToken')
    }
  }
  const got = pages.map((p) => `[${p.join(', ')}]`).join(' ')
  assert.deepStrictEqual(
    pages.map((p) => p.length),
    [2, 2, 1],
    `page sizes with limit 2 over 5 sandboxes; pages were ${got}`
  )
  assertLabels(pages.flat(), NEWEST_FIRST, `pages concatenated (${got})`)
  assert.equal(new Set(pages.flat()).size, pages.flat().length, `a sandbox was seen twice: ${got}`)
  assert.equal(paginator.nextToken, undefined, 'nextToken must be undefined after the last page')
  assert.equal(new Set(tokens.filter(Boolean)).size, tokens.filter(Boolean).length, 'a next token repeated')
  await assert.rejects(paginator.nextItems(), /No more items to fetch/, 'nextItems() after the last page must throw')
  // Every request carried limit=2, and only the pages after the first carried a nextToken.
  const lists = proxy.exchanges.slice(mark).filter((e) => e.url.startsWith('/v2/sandboxes'))
  assert.equal(lists.length, 3, `expected 3 list requests, saw ${lists.length}`)
  for (const [i, e] of lists.entries()) {
    const q = new URL(e.url, 'http://x').searchParams
    assert.equal(q.get('limit'), '2', `request ${i + 1} limit`)
    assert.equal(q.has('nextToken'), i > 0, `request ${i + 1} nextToken presence`)
    assert.equal(Boolean(e.responseHeaders['x-next-token']), i < 2, `response ${i + 1}: X-Next-Token must be set exactly when more pages follow`)
  }
})

check('a saved nextToken resumes the listing in a new paginator', async () => {
  const first = Sandbox.list({ query: { metadata: { run: TAG } }, limit: 2 })
  const page1 = labels(await first.nextItems())
  const token = first.nextToken
  assert.ok(token, 'no nextToken after page 1')
  const resumed = Sandbox.list({ query: { metadata: { run: TAG } }, limit: 2, nextToken: token })
  assert.equal(resumed.nextToken, token)
  const page2 = labels(await resumed.nextItems())
  assertLabels([...page1, ...page2], NEWEST_FIRST.slice(0, 4), 'page 1 from one paginator + page 2 from a resumed one')
  // Reusing the same token again gives the same page: the cursor is not consumed by a read.
  const again = labels(await Sandbox.list({ query: { metadata: { run: TAG } }, limit: 2, nextToken: token }).nextItems())
  assertLabels(again, page2, 'the same nextToken used twice')
})

check('paginate the whole server with limit 2: no duplicates, startedAt never increases, ours in order', async () => {
  const { pages, items } = await listAll({ limit: 2 })
  for (const [i, p] of pages.entries()) assert.ok(p.length <= 2, `page ${i + 1} has ${p.length} items with limit 2`)
  const ids = items.map((i) => i.sandboxId)
  assert.equal(new Set(ids).size, ids.length, 'a sandbox appeared twice while paginating the whole server')
  for (let i = 1; i < items.length; i++) {
    assert.ok(
      items[i].startedAt.getTime() <= items[i - 1].startedAt.getTime(),
      `not newest first at position ${i}: ${items[i - 1].startedAt.toISOString()} then ${items[i].startedAt.toISOString()}`
    )
  }
  assertLabels(ours(labels(items)), NEWEST_FIRST, "this run's sandboxes within the whole listing")
})

check('limit 0 and limit 101 are rejected with 400 (SandboxError "400: …")', async () => {
  for (const limit of [0, 101]) {
    const err = await expectRejects(Sandbox.list({ limit }).nextItems(), SandboxError, `list with limit ${limit}`)
    assert.match(err.message, /^400: /, `limit ${limit}: message "${err.message}"`)
  }
})

// ---------------------------------------------------------------------------------------------
// 5. Pause and state filters

check('pause plain → true (204); pausing it again → false (409)', async () => {
  const mark = proxy.exchanges.length
  assert.equal(await Sandbox.pause(sbx.plain.id), true, 'first pause')
  assert.equal(lastStatus(mark, 'POST', '/pause'), 204, 'first pause status')
  const mark2 = proxy.exchanges.length
  assert.equal(await sbx.plain.instance.pause(), false, 'second pause (instance method)')
  assert.equal(lastStatus(mark2, 'POST', '/pause'), 409, 'second pause status')
  const info = await Sandbox.getInfo(sbx.plain.id)
  assert.equal(info.state, 'paused', 'getInfo(plain).state after pause')
  assert.deepStrictEqual(info.metadata, sbx.plain.spec.metadata, 'metadata after pause')
})

const STATE_FILTERS = [
  { meta: {}, state: ['paused'], expect: ['plain'] },
  { meta: {}, state: ['running'], expect: ['uni', 'plusTrap', 'ampTrap', 'amp'] },
  { meta: {}, state: ['running', 'paused'], expect: NEWEST_FIRST },
  { meta: {}, state: undefined, expect: NEWEST_FIRST },
  { meta: { tier: 'gold' }, state: ['running'], expect: ['uni'] },
  { meta: { tier: 'gold' }, state: ['paused'], expect: ['plain'] },
  { meta: { 'k+': 'x+y' }, state: ['paused'], expect: [] },
]
for (const s of STATE_FILTERS) {
  const desc = `{run${Object.entries(s.meta).map(([k, v]) => `, ${k}=${v}`).join('')}} state=${s.state ? s.state.join(',') : '(absent)'}`
  check(`list ${desc} → [${s.expect.join(', ')}]`, async () => {
    const { items } = await listAll({ query: { metadata: { run: TAG, ...s.meta }, state: s.state } })
    assertLabels(labels(items), s.expect, `list ${desc}`)
    for (const info of items) {
      assert.equal(info.state, info.sandboxId === sbx.plain.id ? 'paused' : 'running', `state of ${label(info.sandboxId)}`)
    }
  })
}

check('paginate state=paused,running with limit 2 across the paused one', async () => {
  const { pages } = await listAll({ query: { metadata: { run: TAG }, state: ['paused', 'running'] }, limit: 2 })
  assertLabels(pages.flat().map((i) => label(i.sandboxId)), NEWEST_FIRST, 'all pages')
})

check('setTimeout on a paused sandbox → SandboxNotFoundError (404)', async () => {
  await expectRejects(Sandbox.setTimeout(sbx.plain.id, 60_000), SandboxNotFoundError, 'setTimeout(paused plain)')
})

// ---------------------------------------------------------------------------------------------
// 6. Connect: resume a paused sandbox, extend a running one

check('Sandbox.connect(paused plain) resumes it (201); getInfo → running, endAt ≈ now + 300 s', async () => {
  const mark = proxy.exchanges.length
  const from = Date.now()
  const connected = await Sandbox.connect(sbx.plain.id)
  const to = Date.now()
  assert.equal(connected.sandboxId, sbx.plain.id, 'connect returned another sandboxId')
  assert.equal(lastStatus(mark, 'POST', '/connect'), 201, 'connect to a paused sandbox must answer 201 (resumed)')
  const info = await Sandbox.getInfo(sbx.plain.id)
  assert.equal(info.state, 'running', 'getInfo(plain).state after connect')
  assert.deepStrictEqual(info.metadata, sbx.plain.spec.metadata, 'metadata after resume')
  assertWithin(info.endAt.getTime(), from + 300_000, to + 300_000, 'endAt after connect with the default 300 s')
  sbx.plain.instance = connected
  const { items } = await listAll({ query: { metadata: { run: TAG }, state: ['paused'] } })
  assertLabels(labels(items), [], 'list state=paused after the resume')
})

check('Sandbox.connect(running uni) answers 200 and never shortens endAt; a longer timeout extends it', async () => {
  const before = (await Sandbox.getInfo(sbx.uni.id)).endAt.getTime()
  const mark = proxy.exchanges.length
  const c = await Sandbox.connect(sbx.uni.id) // default 300 s < the 600 s it was created with
  assert.equal(c.sandboxId, sbx.uni.id)
  assert.equal(lastStatus(mark, 'POST', '/connect'), 200, 'connect to a running sandbox must answer 200')
  const after = (await Sandbox.getInfo(sbx.uni.id)).endAt.getTime()
  assert.ok(
    Math.abs(after - before) <= 1000,
    `connect with 300 s changed endAt of a sandbox that had ~600 s left: ${fmt(before)} → ${fmt(after)}`
  )
  const from = Date.now()
  await Sandbox.connect(sbx.uni.id, { timeoutMs: 1_200_000 })
  const to = Date.now()
  const extended = (await Sandbox.getInfo(sbx.uni.id)).endAt.getTime()
  assertWithin(extended, from + 1_200_000, to + 1_200_000, 'endAt after connect with 1200 s')
  const state = (await Sandbox.getInfo(sbx.uni.id)).state
  assert.equal(state, 'running')
})

// ---------------------------------------------------------------------------------------------
// 7. setTimeout

check('setTimeout moves endAt to now + timeout, longer (static) and shorter (instance)', async () => {
  const before = (await Sandbox.getInfo(sbx.amp.id)).endAt.getTime()
  const mark = proxy.exchanges.length
  let from = Date.now()
  await Sandbox.setTimeout(sbx.amp.id, 900_000)
  let to = Date.now()
  assert.equal(lastStatus(mark, 'POST', '/timeout'), 204, 'setTimeout status')
  const longer = (await Sandbox.getInfo(sbx.amp.id)).endAt.getTime()
  assert.ok(longer > before, `endAt did not move: ${fmt(before)} → ${fmt(longer)}`)
  assertWithin(longer, from + 900_000, to + 900_000, 'endAt after setTimeout(900 s)')
  from = Date.now()
  await sbx.amp.instance.setTimeout(90_000)
  to = Date.now()
  const shorter = (await Sandbox.getInfo(sbx.amp.id)).endAt.getTime()
  assertWithin(shorter, from + 90_000, to + 90_000, 'endAt after setTimeout(90 s) (it replaces, so it may shorten)')
  const info = await Sandbox.getInfo(sbx.amp.id)
  assert.equal(info.state, 'running')
  assert.deepStrictEqual(info.metadata, sbx.amp.spec.metadata, 'metadata after setTimeout')
})

// ---------------------------------------------------------------------------------------------
// 8. Unknown ids and kill

check('unknown sandbox id: getInfo/connect/pause/setTimeout → SandboxNotFoundError, kill → false', async () => {
  const ghost = `doesnotexist${randomBytes(4).toString('hex')}`
  const mark = proxy.exchanges.length
  await expectRejects(Sandbox.getInfo(ghost), SandboxNotFoundError, 'getInfo(unknown)')
  await expectRejects(Sandbox.connect(ghost), SandboxNotFoundError, 'connect(unknown)')
  await expectRejects(Sandbox.pause(ghost), SandboxNotFoundError, 'pause(unknown)')
  await expectRejects(Sandbox.setTimeout(ghost, 60_000), SandboxNotFoundError, 'setTimeout(unknown)')
  assert.equal(await Sandbox.kill(ghost), false, 'kill(unknown)')
  const statuses = proxy.exchanges.slice(mark).map((e) => e.status)
  assert.deepStrictEqual(statuses, [404, 404, 404, 404, 404], 'every call on an unknown id must get 404')
})

check('Sandbox.kill(ampTrap) → true (204); again → false (404); then it is gone', async () => {
  const id = sbx.ampTrap.id
  const mark = proxy.exchanges.length
  assert.equal(await Sandbox.kill(id), true, 'first kill')
  assert.equal(lastStatus(mark, 'DELETE', `/sandboxes/${id}`), 204, 'first kill status')
  killed.add('ampTrap')
  const mark2 = proxy.exchanges.length
  assert.equal(await Sandbox.kill(id), false, 'second kill')
  assert.equal(lastStatus(mark2, 'DELETE', `/sandboxes/${id}`), 404, 'second kill status')
  await expectRejects(Sandbox.getInfo(id), SandboxNotFoundError, 'getInfo(killed)')
  await expectRejects(Sandbox.connect(id), SandboxNotFoundError, 'connect(killed)')
  const { items } = await listAll({ query: { metadata: { run: TAG } } })
  assertLabels(labels(items), NEWEST_FIRST.filter((l) => l !== 'ampTrap'), 'list {run} after the kill')
  const trap = await listAll({ query: { metadata: { run: TAG, 'user id': 'a', b: 'c' } } })
  assertLabels(labels(trap.items), [], 'the killed sandbox is gone from metadata-filtered lists too')
})

check('killing a paused sandbox works: pause plusTrap, kill → true, gone from state=paused', async () => {
  assert.equal(await Sandbox.pause(sbx.plusTrap.id), true, 'pause plusTrap')
  assert.equal(await Sandbox.kill(sbx.plusTrap.id), true, 'kill paused plusTrap')
  killed.add('plusTrap')
  assert.equal(await Sandbox.kill(sbx.plusTrap.id), false, 'kill plusTrap again')
  const { items } = await listAll({ query: { metadata: { run: TAG }, state: ['paused'] } })
  assertLabels(labels(items), [], 'list {run} state=paused')
})

// ---------------------------------------------------------------------------------------------
// 9. Cursor stability while sandboxes are created and killed between pages

check('a cursor stays correct when a sandbox is created and another killed between pages', async () => {
  const c = []
  for (let i = 1; i <= 5; i++) {
    const s = await Sandbox.create({ metadata: { run: CURSOR_TAG, n: String(i) }, timeoutMs: 120_000 })
    labelById.set(s.sandboxId, `c${i}`)
    c.push(s.sandboxId)
    await sleep(15)
  }
  try {
    const paginator = Sandbox.list({ query: { metadata: { run: CURSOR_TAG } }, limit: 2 })
    const seen = labels(await paginator.nextItems())
    assertLabels(seen, ['c5', 'c4'], 'first page')
    // Between pages: a newer sandbox appears (it sorts before the cursor: not in later pages),
    // and a not-yet-seen one disappears.
    const c6 = await Sandbox.create({ metadata: { run: CURSOR_TAG, n: '6' }, timeoutMs: 120_000 })
    labelById.set(c6.sandboxId, 'c6')
    c.push(c6.sandboxId)
    assert.equal(await Sandbox.kill(c[1]), true, 'kill c2 between pages')
    while (paginator.hasNext) {
      assert.ok(seen.length < 20, 'the cursor does not terminate')
      seen.push(...labels(await paginator.nextItems()))
    }
    assertLabels(seen, ['c5', 'c4', 'c3', 'c1'], 'all pages, after creating c6 and killing c2 between pages')
    const fresh = await listAll({ query: { metadata: { run: CURSOR_TAG } }, limit: 2 })
    assertLabels(labels(fresh.items), ['c6', 'c5', 'c4', 'c3', 'c1'], 'a fresh listing afterwards')
  } finally {
    for (const id of c) await Sandbox.kill(id).catch(() => {})
  }
})

// ---------------------------------------------------------------------------------------------
// 10. Cleanup and the envd sentinel

check("cleanup: kill every remaining sandbox of this run → true; list {run} is empty", async () => {
  for (const l of CREATED_ORDER) {
    if (killed.has(l)) continue
    assert.equal(await Sandbox.kill(sbx[l].id), true, `kill ${l}`)
    killed.add(l)
  }
  const { items } = await listAll({ query: { metadata: { run: TAG } } })
  assertLabels(labels(items), [], 'list {run} after killing everything')
})

check('no request reached envd (the SDK calls above are control-plane only)', async () => {
  assert.deepStrictEqual(sentinel.hits, [], `requests that reached the envd sentinel: ${sentinel.hits.join('; ')}`)
})

// ---------------------------------------------------------------------------------------------

let failed
try {
  failed = await runner.run()
} finally {
  // Best effort: leave nothing behind when a check failed half-way.
  for (const l of Object.keys(sbx)) {
    if (!killed.has(l)) await Sandbox.kill(sbx[l].id).catch(() => {})
  }
  if (process.env.CONFORMANCE_WIRE_LOG) {
    const { writeFileSync } = await import('node:fs')
    writeFileSync(process.env.CONFORMANCE_WIRE_LOG, proxy.exchanges.map(formatExchange).join('\n') + '\n')
  }
  await proxy.close()
  await sentinel.close()
}
process.exitCode = failed === 0 ? 0 : 1
