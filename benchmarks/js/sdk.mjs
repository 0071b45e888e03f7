// Loads the official novita-sandbox SDK from conformance/node_modules (installed there with
// `npm ci` from its committed lockfile), so the benchmark uses the very version conformance pins.
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, resolve } from 'node:path'

const here = dirname(fileURLToPath(import.meta.url))
const entry = resolve(here, '../../conformance/node_modules/novita-sandbox/dist/index.mjs')
export const { Sandbox } = await import(pathToFileURL(entry).href)

/** Lists every sandbox in pages of `limit`; returns the number of sandboxes seen. */
export async function listAll(limit) {
  const paginator = Sandbox.list({ limit })
  let items = 0
  while (paginator.hasNext) {
    items += (await paginator.nextItems()).length
  }
  return items
}
