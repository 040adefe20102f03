// Where the client's JavaScript comes from: builds with source maps into a temporary folder and sums,
// per package (or per own file), the minified bytes and their gzip size. Estimates: each part is
// gzipped on its own, so the parts add up to a little more than the chunks.
// Run: npx tsx bench/bundle-parts.ts [chunk-name-prefix …]   (e.g. Board record departments)
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const root = path.resolve(import.meta.dirname, '..')
const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Decodes one source-map segment (base64 VLQ) into its numbers. */
function decodeSegment(segment: string): number[] {
  const values: number[] = []
  let value = 0
  let shift = 0
  for (const char of segment) {
    const digit = base64.indexOf(char)
    value += (digit & 31) << shift
    if (digit & 32) shift += 5
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1)
      value = 0
      shift = 0
    }
  }
  return values
}

/** The package an absolute source path belongs to (`prosemirror-view`, `@noble/hashes`) or the project file itself. */
function partOf(source: string): string {
  const inModules = source.split('node_modules/').pop()!
  if (inModules !== source) return inModules.split('/').slice(0, inModules.startsWith('@') ? 2 : 1).join('/')
  return path.relative(root, source)
}

/** Generated text per source file of one chunk, from its source map. */
function textBySource(code: string, map: { sources: string[]; mappings: string }, into: Map<string, string>, mapDir: string): void {
  const lines = code.split('\n')
  let source = 0
  map.mappings.split(';').forEach((line, lineIndex) => {
    let column = 0
    const segments = line ? line.split(',').map(decodeSegment) : []
    segments.forEach((segment, i) => {
      column += segment[0]!
      if (segment.length >= 4) source += segment[1]!
      const end = i + 1 < segments.length ? column + segments[i + 1]![0]! : lines[lineIndex]!.length
      const key = segment.length >= 4 ? partOf(path.resolve(mapDir, map.sources[source]!)) : '(unmapped)'
      into.set(key, (into.get(key) ?? '') + lines[lineIndex]!.slice(column, end))
    })
  })
}

const prefixes = process.argv.slice(2)
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitzeichnung-bundle-'))
try {
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--sourcemap', '--outDir', outDir, '--emptyOutDir'], { cwd: root, stdio: 'ignore' })
  const assets = path.join(outDir, 'assets')
  const parts = new Map<string, string>()
  for (const file of fs.readdirSync(assets).filter((f) => f.endsWith('.js') && (!prefixes.length || prefixes.some((p) => f.startsWith(`${p}-`))))) {
    const code = fs.readFileSync(path.join(assets, file), 'utf8')
    textBySource(code, JSON.parse(fs.readFileSync(path.join(assets, `${file}.map`), 'utf8')), parts, assets)
  }
  const rows = [...parts].map(([part, text]) => ({ part, bytes: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).byteLength }))
  rows.sort((a, b) => b.gzip - a.gzip)
  for (const row of rows.slice(0, Number(process.env.PARTS_ROWS ?? 40))) console.log(`${row.part.padEnd(56)} ${(row.bytes / 1024).toFixed(1).padStart(7)} KB  gzip ${(row.gzip / 1024).toFixed(1).padStart(6)} KB`)
} finally {
  fs.rmSync(outDir, { recursive: true, force: true })
}
