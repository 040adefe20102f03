// Vitest global setup: compiles the server once per run (scripts/build-server.ts) into a private
// folder, so every test that starts a real process runs what `npm start` runs, on bare Node.
import fs from 'node:fs'
import path from 'node:path'
import { buildServer } from '../../scripts/build-server'
import { serverBuildKey } from './server-build'

const root = path.resolve(import.meta.dirname, '../..')

export default async function setup(): Promise<(() => void) | void> {
  // Both Vitest projects run the global setup; the first build serves the run.
  if (process.env[serverBuildKey]) return
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true })
  // Inside the project (packages resolve from node_modules), private to this run.
  const outDir = fs.mkdtempSync(path.join(root, 'dist/test-server-'))
  await buildServer(outDir)
  // Test workers start after the global setup and inherit its environment.
  process.env[serverBuildKey] = outDir
  return () => fs.rmSync(outDir, { recursive: true, force: true })
}
