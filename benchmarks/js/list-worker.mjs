// Runs full listings on request, so that the Java harness can interleave them with its own:
// for each line `list <limit>` on stdin it lists everything (NOVITA_API_URL / NOVITA_API_KEY)
// and prints `<nanoseconds> <items>` on stdout.
import { createInterface } from 'node:readline'
import { listAll } from './sdk.mjs'

const lines = createInterface({ input: process.stdin })
for await (const line of lines) {
  const [command, limit] = line.trim().split(' ')
  if (command !== 'list') continue
  const start = process.hrtime.bigint()
  const items = await listAll(Number(limit))
  console.log(`${process.hrtime.bigint() - start} ${items}`)
}
