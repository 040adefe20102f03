// Writes a brotli (.br) and a gzip (.gz) copy next to every compressible file of the client build,
// so the server sends compressed bytes without compressing per request (server/http/static-client.ts).
import fs from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

/** Text formats a browser asks for; images and fonts are compressed already. */
const compressible = /\.(?:js|mjs|css|html|svg|json|txt|map|webmanifest)$/
/** Below this, headers outweigh what compression saves. */
const minBytes = 1024

export type Precompressed = { file: string; bytes: number; br: number; gz: number }

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

/** Compresses every compressible file under `dir` at the highest levels; a copy that saves nothing is not written. */
export function precompressDir(dir: string): Precompressed[] {
  const done: Precompressed[] = []
  for (const file of filesUnder(dir)) {
    if (!compressible.test(file)) continue
    const original = fs.readFileSync(file)
    if (original.byteLength < minBytes) continue
    const br = brotliCompressSync(original, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: original.byteLength },
    })
    const gz = gzipSync(original, { level: 9 })
    if (br.byteLength < original.byteLength) fs.writeFileSync(`${file}.br`, br)
    if (gz.byteLength < original.byteLength) fs.writeFileSync(`${file}.gz`, gz)
    done.push({ file: path.relative(dir, file), bytes: original.byteLength, br: br.byteLength, gz: gz.byteLength })
  }
  return done
}

/** The Vite plugin: precompresses the finished build output. */
export function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'mitzeichnung-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      const files = precompressDir(outDir)
      this.info?.(`precompressed ${files.length} files (brotli and gzip)`)
    },
  }
}
