// A minimal sequential check runner. Each check is a named async function; a thrown error is a
// failure. The scenario is one story (create → list → pause → connect → kill), so checks run in
// order, and a failed "critical" check stops the story: the checks after it are reported as
// NOT RUN and counted as failed, never silently dropped. The last line printed is always
// "N passed, N failed".
import { formatExchange } from './wire.mjs'

export class Runner {
  constructor({ exchanges, verbose }) {
    this.exchanges = exchanges
    this.verbose = verbose
    this.checks = []
  }

  /** Registers a check. `critical`: if it fails, every later check is NOT RUN. */
  check(name, fn, { critical = false } = {}) {
    this.checks.push({ name, fn, critical })
  }

  async run() {
    let passed = 0
    let failed = 0
    let stoppedBy = null // why the remaining checks are not run
    const failures = []
    for (const [i, c] of this.checks.entries()) {
      const label = `[${String(i + 1).padStart(2)}/${this.checks.length}] ${c.name}`
      if (stoppedBy) {
        failed++
        failures.push(`${c.name} (NOT RUN)`)
        console.log(`NOT RUN ${label}  (stopped: ${stoppedBy})`)
        continue
      }
      const mark = this.exchanges.length
      const started = Date.now()
      try {
        await c.fn()
        passed++
        console.log(`PASS ${label}  (${Date.now() - started} ms)`)
        if (this.verbose) this.printWire(mark)
      } catch (err) {
        failed++
        failures.push(c.name)
        console.log(`FAIL ${label}`)
        console.log(indent(describeError(err), '    '))
        const wire = this.exchanges.slice(mark)
        if (wire.length) {
          console.log('    HTTP exchanges during this check (via the recording proxy):')
          this.printWire(mark, '      ')
        } else {
          console.log('    (no HTTP exchange reached the server during this check)')
        }
        if (c.critical) stoppedBy = `"${c.name}" failed`
        const last = this.exchanges[this.exchanges.length - 1]
        if (!stoppedBy && this.exchanges.length > mark && /ECONNREFUSED/.test(last?.error ?? '')) {
          stoppedBy = `the server stopped accepting connections during "${c.name}"`
        }
      }
    }
    if (failures.length) {
      console.log('')
      console.log('Failed checks:')
      for (const f of failures) console.log(`  - ${f}`)
    }
    console.log('')
    console.log(`${passed} passed, ${failed} failed`)
    return failed
  }

  printWire(from, prefix = '      ') {
    for (const e of this.exchanges.slice(from)) console.log(indent(formatExchange(e), prefix))
  }
}

function indent(text, prefix) {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n')
}

function describeError(err) {
  if (err?.code === 'ERR_ASSERTION') {
    // node:assert puts the diff in the message when no custom message is given.
    return `${err.message}`
  }
  const name = err?.name ?? typeof err
  const msg = err?.message ?? String(err)
  const cause = err?.cause ? `\ncaused by: ${err.cause?.name ?? ''} ${err.cause?.message ?? err.cause}` : ''
  return `${name}: ${msg}${cause}`
}
