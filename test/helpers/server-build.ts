// The compiled server programs a test starts as real processes (built by server-build-setup.ts).
import path from 'node:path'
import { buildServer, type ServerEntry } from '../../scripts/build-server'

export const serverBuildKey = 'MZ_SERVER_BUILD'

let ownBuild: Promise<string> | undefined

/** The program file of `entry`: the run's build under Vitest; outside it (benchmarks) dist/server, built on first use. */
export async function serverProgram(entry: ServerEntry): Promise<string> {
  const dir = process.env[serverBuildKey] ?? (await (ownBuild ??= buildOwn()))
  return path.join(dir, `${entry}.mjs`)
}

/** The program file of `entry` in the run's build; undefined outside Vitest (nothing is built then). */
export function builtProgram(entry: ServerEntry): string | undefined {
  const dir = process.env[serverBuildKey]
  return dir ? path.join(dir, `${entry}.mjs`) : undefined
}

async function buildOwn(): Promise<string> {
  const outDir = path.resolve(import.meta.dirname, '../../dist/server')
  await buildServer(outDir)
  return outDir
}
