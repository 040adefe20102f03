// Serves the built client: precompressed brotli/gzip copies by Accept-Encoding, hashed assets cached
// for a year, the app shell never cached (so a new build reaches every tab at its next load).
import fs from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Context, MiddlewareHandler } from 'hono'

/** Vite names every file under /assets/ by its content hash: a changed file gets a new name. */
export const immutableCache = 'public, max-age=31536000, immutable'
/** The shell names the current hashes: revalidate on every load. */
export const shellCache = 'no-cache'

/** Files the build wrote compressed copies of (scripts/precompress.ts); the answer then depends on Accept-Encoding. */
const compressible = /\.(?:js|mjs|css|html|svg|json|txt|map|webmanifest)$/

export function staticClient(clientDir: string): { files: MiddlewareHandler; shell: (c: Context) => Response } {
  const root = path.relative(process.cwd(), clientDir) || '.'
  const files = serveStatic({
    root,
    precompressed: true,
    onFound: (_file, c) => {
      c.header('Cache-Control', c.req.path.startsWith('/assets/') ? immutableCache : shellCache)
      // Also when the identity copy is sent: a cache must not hand it to a browser that takes brotli, or the reverse.
      if (compressible.test(c.req.path) || c.req.path.endsWith('/')) c.header('Vary', 'Accept-Encoding')
    },
  })
  const shell = (c: Context) => {
    const index = path.join(clientDir, 'index.html')
    if (!fs.existsSync(index)) return c.text('The client is not built: run `npm run build`.', 503)
    c.header('Cache-Control', shellCache)
    return c.html(fs.readFileSync(index, 'utf8'))
  }
  return { files, shell }
}
