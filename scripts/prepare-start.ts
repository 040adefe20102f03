// `npm start`, first half: builds the client when its sources are newer than the build, and compiles
// the server; the second half runs it on bare Node (it migrates the database and seeds the demo).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { buildServer } from './build-server'

const root = path.resolve(import.meta.dirname, '..')
const builtIndex = path.join(root, 'dist/client/index.html')

function newestChange(entry: string): number {
  const stat = fs.statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))))
}

const sources = ['client', 'shared', 'vite.config.ts'].map((name) => path.join(root, name))
const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0
if (Math.max(...sources.filter((s) => fs.existsSync(s)).map(newestChange)) > builtAt) {
  console.log('Building the client …')
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

await buildServer()
