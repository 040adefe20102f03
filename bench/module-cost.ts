// What each heavy module costs in resident memory when the server imports it: every module in a
// fresh Node process (with tsx, as the server runs), RSS after a full GC before and after the import.
// Run: npx tsx bench/module-cost.ts [module …]
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { median } from './measure'

const root = path.resolve(import.meta.dirname, '..')
const defaults = [
  'hono',
  'zod',
  'yjs',
  'drizzle-orm/better-sqlite3',
  'drizzle-orm/pg-core',
  'prom-client',
  'nodemailer',
  'diff',
  'y-prosemirror',
  'prosemirror-view',
  'docx',
  'pdfmake',
  './server/export/pdf-fonts.ts',
  './server/export/render-in-thread.ts',
  './server/app.ts',
  './server/server.ts',
]
const repeats = Number(process.env.BENCH_REPEATS ?? 3)

/** RSS in KB after a full GC, before and after importing `specifier`, in a fresh process. */
function costOf(specifier: string): number {
  const script = `
    const rss = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().rss / 1024 }
    const before = rss()
    await import(${JSON.stringify(specifier)})
    process.stdout.write(String(rss() - before))
    process.exit(0)`
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })
  return Number(out)
}

const modules = process.argv.slice(2).length ? process.argv.slice(2) : defaults
for (const specifier of modules) {
  const kb = median(Array.from({ length: repeats }, () => costOf(specifier)))
  console.log(`${specifier.padEnd(40)} ${(kb / 1024).toFixed(1).padStart(6)} MB`)
}
