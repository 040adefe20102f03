// Code above the data layer runs on both backends only if it awaits Drizzle's builders: the
// synchronous .all() .get() .run() exist on SQLite alone and would fail on PostgreSQL.
import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

it('no server or script code calls the SQLite-only synchronous query methods', () => {
  const offenders: string[] = []
  for (const file of [...sourceFiles(path.join(root, 'server')), ...sourceFiles(path.join(root, 'scripts'))]) {
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (/\.(all|get|run)\(\)/.test(line) && !/\b(task|sweep|scheduler)\.run\(\)/.test(line)) offenders.push(`${path.relative(root, file)}:${index + 1}: ${line.trim()}`)
      })
  }
  expect(offenders).toEqual([])
})
