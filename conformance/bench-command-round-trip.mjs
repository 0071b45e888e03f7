// Timing helper for benchmarks/CommandRoundTripBenchmark (not part of the conformance run):
// the OFFICIAL novita-sandbox SDK runs `commands.run('true')` in blocks the Java side asks for,
// so that both SDKs are timed in alternation against the same server.
//
// Input (environment): NOVITA_API_URL, NOVITA_SANDBOX_URL, NOVITA_API_KEY. Protocol: prints
// `ready` after creating a sandbox and 50 warm-up runs; then for each stdin line `run N` prints
// one JSON array of N round-trip times in milliseconds; `quit` kills the sandbox and exits.
import readline from 'node:readline'

const { Sandbox } = await import('novita-sandbox')
const sandbox = await Sandbox.create()
for (let i = 0; i < 50; i++) await sandbox.commands.run('true')
console.log('ready')
const lines = readline.createInterface({ input: process.stdin })
for await (const line of lines) {
  if (line.trim() === 'quit') break
  const count = Number.parseInt(line.split(' ')[1], 10)
  const times = []
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint()
    await sandbox.commands.run('true')
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  console.log(JSON.stringify(times))
}
await sandbox.kill()
process.exit(0)
