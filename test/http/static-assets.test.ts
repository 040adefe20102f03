// The built client over HTTP: precompressed brotli/gzip by Accept-Encoding (bytes that decompress to
// the file), hashed assets cached for a year, the app shell never cached, and no way out of the folder.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompressDir } from '../../scripts/precompress'
import { tempDataDir } from '../helpers/server-process'
import { startTestServer, type TestServer } from '../helpers/test-server'

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** A GET that neither decodes the body nor normalises the path (fetch does both). */
function rawGet(port: number, urlPath: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: urlPath, method: 'GET', headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
    })
    request.once('error', reject)
    request.end()
  })
}

const script = `export const board = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `Zeile ${i}: Mitzeichnung`))}\n`
const style = `.board { display: grid; }\n${Array.from({ length: 200 }, (_, i) => `.s${i} { margin: ${i}px; }`).join('\n')}\n`
const shellHtml = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>'

describe('the built client over HTTP', () => {
  let server: TestServer
  let clientDir: string
  const get = (urlPath: string, headers?: Record<string, string>) => rawGet(server.port, urlPath, headers)

  beforeAll(async () => {
    clientDir = tempDataDir('client')
    fs.mkdirSync(path.join(clientDir, 'assets'))
    fs.writeFileSync(path.join(clientDir, 'index.html'), shellHtml)
    fs.writeFileSync(path.join(clientDir, 'assets/index-Ab12Cd34.js'), script)
    fs.writeFileSync(path.join(clientDir, 'assets/index-Ef56Gh78.css'), style)
    precompressDir(clientDir)
    server = await startTestServer({ env: { CLIENT_DIR: clientDir } })
  })
  afterAll(async () => {
    await server?.stop()
    if (clientDir) fs.rmSync(clientDir, { recursive: true, force: true })
  })

  it('the build step writes a brotli and a gzip copy of each script and style that decompress to it', () => {
    for (const file of ['assets/index-Ab12Cd34.js', 'assets/index-Ef56Gh78.css']) {
      const original = fs.readFileSync(path.join(clientDir, file))
      expect(brotliDecompressSync(fs.readFileSync(path.join(clientDir, `${file}.br`))).equals(original), file).toBe(true)
      expect(gunzipSync(fs.readFileSync(path.join(clientDir, `${file}.gz`))).equals(original), file).toBe(true)
    }
  })

  it('a browser that takes brotli gets brotli bytes that decompress to the script, varying by Accept-Encoding', async () => {
    const response = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip, deflate, br, zstd' })
    expect(response.status).toBe(200)
    expect(response.headers['content-encoding']).toBe('br')
    expect(response.headers['content-type']).toMatch(/javascript/)
    expect(response.headers.vary).toBe('Accept-Encoding')
    expect(Number(response.headers['content-length'])).toBe(response.body.byteLength)
    expect(response.body.byteLength).toBeLessThan(Buffer.byteLength(script) / 3)
    expect(brotliDecompressSync(response.body).toString()).toBe(script)
  })

  it('a client that takes only gzip gets gzip bytes that decompress to the file', async () => {
    for (const [file, original] of [['/assets/index-Ab12Cd34.js', script], ['/assets/index-Ef56Gh78.css', style]] as const) {
      const response = await get(file, { 'accept-encoding': 'gzip' })
      expect(response.status, file).toBe(200)
      expect(response.headers['content-encoding'], file).toBe('gzip')
      expect(response.headers.vary, file).toBe('Accept-Encoding')
      expect(gunzipSync(response.body).toString(), file).toBe(original)
    }
  })

  it('a client that takes no encoding gets the file itself, still marked as varying by Accept-Encoding', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const response = await get('/assets/index-Ab12Cd34.js', headers)
      expect(response.status).toBe(200)
      expect(response.headers['content-encoding']).toBeUndefined()
      expect(response.headers.vary).toBe('Accept-Encoding')
      expect(response.body.toString()).toBe(script)
    }
  })

  it('hashed assets are cached for a year as immutable, whatever the encoding', async () => {
    for (const encoding of ['br', 'gzip', '']) {
      const response = await get('/assets/index-Ef56Gh78.css', { 'accept-encoding': encoding })
      expect(response.headers['cache-control'], encoding).toBe('public, max-age=31536000, immutable')
    }
  })

  it('the app shell is never cached: at /, as /index.html, and as the answer for a client-side route', async () => {
    for (const urlPath of ['/', '/index.html', '/p/some-proposal', '/p/some-proposal/versions']) {
      const response = await get(urlPath, { 'accept-encoding': 'gzip, br' })
      expect(response.status, urlPath).toBe(200)
      expect(response.headers['cache-control'], urlPath).toBe('no-cache')
      expect(response.body.toString(), urlPath).toBe(shellHtml)
    }
  })

  it('a missing asset is a 404 that no one caches for a year', async () => {
    const response = await get('/assets/index-00000000.js', { 'accept-encoding': 'br' })
    expect(response.status).toBe(404)
    expect(JSON.parse(response.body.toString())).toEqual({ error: 'not found' })
    expect(response.headers['cache-control']).toBeUndefined()
  })

  it('no path leaves the client folder, compressed or not', async () => {
    // A file right beside the client folder: what a traversal would reach first.
    fs.writeFileSync(path.join(clientDir, '..', `${path.basename(clientDir)}-secret.js`), 'secret')
    const outside = `${path.basename(clientDir)}-secret.js`
    try {
      for (const urlPath of [`/../${outside}`, `/assets/../../${outside}`, `/assets/..%2f..%2f${outside}`, `/%2e%2e/${outside}`, `/assets/%2e%2e%5c%2e%2e%5c${outside}`, '/assets/../../package.json']) {
        for (const encoding of ['br', 'gzip', '']) {
          const response = await get(urlPath, { 'accept-encoding': encoding })
          expect(response.body.toString(), urlPath).not.toContain('secret')
          expect(response.body.toString(), urlPath).not.toContain('"name": "mitzeichnung"')
          expect([200, 400, 404], urlPath).toContain(response.status)
        }
      }
    } finally {
      fs.rmSync(path.join(clientDir, '..', outside), { force: true })
    }
  })
})
