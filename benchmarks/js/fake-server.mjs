// A tiny list-only server in node, for comparing the clients against a server that is not the
// Java local server: it holds `count` running sandboxes (argv[2], default 10 000) and answers
// GET /v2/sandboxes?limit=&nextToken= newest first, with X-Next-Token when more follow. The body
// of each sandbox has the fields and shapes the local server sends. argv[3], when given, delays
// every answer by that many milliseconds, as a remote server's round trip would. Prints its port
// on stdout.
import { createServer } from 'node:http'

const count = Number(process.argv[2] ?? 10000)
const delayMs = Number(process.argv[3] ?? 0)
const newest = Date.parse('2026-11-29T00:00:00Z')
const items = []
for (let i = 0; i < count; i++) {
  const started = new Date(newest - i * 1000)
  items.push(JSON.stringify({
    alias: 'base',
    clientID: '6532622b',
    cpuCount: 2,
    diskSizeMB: 20480,
    endAt: new Date(started.getTime() + 300000).toISOString().replace('Z', '123Z'),
    envdVersion: '0.2.0',
    memoryMB: 512,
    metadata: { env: i % 100 < 90 ? 'prod' : 'dev' },
    sandboxID: 'i' + (1e12 + i).toString(36) + 'fake0000000',
    startedAt: started.toISOString().replace('Z', '456Z'),
    state: 'running',
    templateID: 'rki5dems9wqfm4r03t7g'
  }))
}

const server = createServer((req, res) => {
  if (delayMs > 0) {
    setTimeout(() => answer(req, res), delayMs)
  } else {
    answer(req, res)
  }
})

function answer(req, res) {
  const url = new URL(req.url, 'http://localhost')
  if (url.pathname !== '/v2/sandboxes') {
    res.writeHead(404, { 'content-type': 'application/json' })
    res.end('{"code":404,"message":"not found"}')
    return
  }
  const limit = Number(url.searchParams.get('limit') ?? 100)
  const from = Number(url.searchParams.get('nextToken') ?? 0)
  const to = Math.min(from + limit, items.length)
  const headers = { 'content-type': 'application/json' }
  if (to < items.length) headers['x-next-token'] = String(to)
  res.writeHead(200, headers)
  res.end('[' + items.slice(from, to).join(',') + ']')
}
server.keepAliveTimeout = 60000
server.listen(0, '127.0.0.1', () => console.log(server.address().port))
