// A transparent recording HTTP proxy placed between the official SDK and the server under test,
// and a sentinel server standing in for envd (the in-sandbox daemon).
//
// Why a proxy: when the official SDK rejects something, the useful report is the exact request
// and response that caused it. The proxy forwards bytes unchanged (status, headers, body, and
// whether the body was sized or chunked, which the SDK's fetch client treats differently) and
// keeps a log of every exchange.
import http from 'node:http'

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
])

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`))
  })
}

/**
 * Starts a proxy on a free loopback port forwarding to `targetUrl` (http only).
 * Returns { url, exchanges, close() }; `exchanges` grows as requests complete.
 */
export async function startRecordingProxy(targetUrl) {
  const target = new URL(targetUrl)
  if (target.protocol !== 'http:') {
    throw new Error(`the recording proxy only forwards to http:// targets, got ${targetUrl}`)
  }
  const basePath = target.pathname.replace(/\/+$/, '')
  const agent = new http.Agent({ keepAlive: true })
  const exchanges = []
  let seq = 0

  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const entry = {
        seq: ++seq,
        method: req.method,
        url: req.url,
        requestHeaders: req.headers,
        requestBody: body.length ? body.toString('utf8') : undefined,
      }
      const headers = {}
      for (const [k, v] of Object.entries(req.headers)) {
        if (!HOP_BY_HOP.has(k)) headers[k] = v
      }
      headers.host = target.host
      const upstream = http.request(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          path: basePath + req.url,
          headers,
          agent,
        },
        (up) => {
          const rc = []
          up.on('data', (c) => rc.push(c))
          up.on('end', () => {
            const resBody = Buffer.concat(rc)
            entry.status = up.statusCode
            entry.responseHeaders = up.headers
            entry.chunked = /chunked/i.test(up.headers['transfer-encoding'] ?? '')
            entry.responseBody = resBody.length ? resBody.toString('utf8') : undefined
            exchanges.push(entry)
            const out = {}
            for (const [k, v] of Object.entries(up.headers)) {
              if (!HOP_BY_HOP.has(k)) out[k] = v
            }
            // Without a content-length, Node answers chunked again: same framing as upstream.
            res.writeHead(up.statusCode, up.statusMessage, out)
            res.end(resBody)
          })
          up.on('error', (e) => {
            entry.error = `upstream response failed: ${e.message}`
            exchanges.push(entry)
            req.socket.destroy()
          })
        }
      )
      upstream.on('error', (e) => {
        entry.error = `upstream request failed: ${e.message}`
        exchanges.push(entry)
        // Mirror a dead server as a dead connection rather than inventing a status.
        req.socket.destroy()
      })
      upstream.end(body)
    })
  })

  const url = await listen(server)
  return {
    url,
    exchanges,
    close: () =>
      new Promise((resolve) => {
        agent.destroy()
        server.closeAllConnections?.()
        server.close(() => resolve())
      }),
  }
}

/** A server that must never be contacted; every request it gets is recorded and answered 599. */
export async function startSentinel() {
  const hits = []
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`)
    req.resume()
    res.writeHead(599, { 'content-type': 'text/plain' })
    res.end('conformance sentinel: no request was expected here')
  })
  const url = await listen(server)
  return {
    url,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.()
        server.close(() => resolve())
      }),
  }
}

const SHOWN_REQUEST_HEADERS = ['content-type', 'x-api-key', 'authorization']
const SHOWN_RESPONSE_HEADERS = ['content-type', 'content-length', 'x-next-token', 'retry-after']

function clip(s, n = 600) {
  if (s === undefined) return ''
  return s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s
}

/** One exchange as a few human-readable lines; the API key is masked. */
export function formatExchange(e) {
  const lines = []
  lines.push(`#${e.seq} ${e.method} ${e.url}`)
  const rh = SHOWN_REQUEST_HEADERS.filter((h) => e.requestHeaders?.[h] !== undefined).map((h) => {
    const v = h === 'x-api-key' || h === 'authorization' ? '***' : e.requestHeaders[h]
    return `${h}: ${v}`
  })
  if (rh.length) lines.push(`    > ${rh.join(' | ')}`)
  if (e.requestBody !== undefined) lines.push(`    > body ${clip(e.requestBody)}`)
  if (e.error) {
    lines.push(`    < ${e.error}`)
    return lines.join('\n')
  }
  const sh = SHOWN_RESPONSE_HEADERS.filter((h) => e.responseHeaders?.[h] !== undefined).map(
    (h) => `${h}: ${e.responseHeaders[h]}`
  )
  if (e.chunked) sh.push('transfer-encoding: chunked')
  lines.push(`    < ${e.status}${sh.length ? ` | ${sh.join(' | ')}` : ''}`)
  if (e.responseBody !== undefined) lines.push(`    < body ${clip(e.responseBody)}`)
  return lines.join('\n')
}
