// The two servers under test as child processes on 127.0.0.1 — ours (SQLite, durable) and the
// reference (@y/websocket-server, in memory) — and the guarantee that every child dies with us.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { build } from 'esbuild'
import type WebSocket from 'ws'
import { createProposal, signIn, webSocketWithCookie } from '../test/helpers/clients'
import { serverProgram } from '../test/helpers/server-build'
import { freePort, tempDataDir } from '../test/helpers/server-process'
import { waitFor } from '../test/helpers/wait'
import { startScriptEnv } from './start-env'

const root = path.resolve(import.meta.dirname, '..')

export type ServerName = 'ours' | 'reference'
/** Cumulative counts per upper bound in seconds (the last bound is Infinity). */
export type Histogram = { bounds: number[]; counts: number[] }
export type WebSocketClass = new (url: string | URL, protocols?: string | string[]) => WebSocket

/** A server as the workload sees it: where to connect, how, and which process to measure. */
export type Target = {
  name: ServerName
  pid(): number
  /** The y-websocket serverUrl; the room name is appended to it. */
  wsBase: string
  /** The WebSocket class the provider should use (ours needs the session cookie). */
  WebSocket: WebSocketClass
  /** A fresh, empty room (for ours: a new proposal). */
  newRoom(label: string): Promise<string>
  /** Makes the next open cold: ours is killed with SIGKILL and restarted; the reference cannot be. */
  makeCold(): Promise<void>
  /** Cumulative Prometheus histograms of the server's own timings (ours only), by metric name. */
  histograms?(): Promise<Record<string, Histogram>>
  /** Resolves when the instance's Redis subscription stands (ours with REDIS_URL only). */
  redisReady?(): Promise<void>
  /** What a cold open of the room reads from disk (ours only). */
  storedLog?(room: string): { logLength: number; hasSnapshot: boolean }
  stop(): Promise<void>
}

const children = new Set<ChildProcess>()
const dataDirs = new Set<string>()
let cleanupInstalled = false

/** Kills every child still running when this process ends, however it ends, and removes its data. */
function installCleanup(): void {
  if (cleanupInstalled) return
  cleanupInstalled = true
  const killAll = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', killAll)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping the servers\n`)
      killAll()
      process.exit(130)
    })
  }
}

/** A throwaway data directory that several instances share; removed however this process ends. */
export function sharedDataDir(label: string): { dir: string; remove(): void } {
  installCleanup()
  const dir = tempDataDir(label)
  dataDirs.add(dir)
  return {
    dir,
    remove() {
      fs.rmSync(dir, { recursive: true, force: true })
      dataDirs.delete(dir)
    },
  }
}

type Child = { proc: ChildProcess; log(): string }

function launch(args: string[], env: Record<string, string>, cwd = root): Child {
  installCleanup()
  const proc = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
  children.add(proc)
  proc.once('exit', () => children.delete(proc))
  let log = ''
  proc.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8000)))
  return { proc, log: () => log }
}

async function waitUntilServing(child: Child, url: string, what: string): Promise<void> {
  await waitFor(
    async () => {
      if (child.proc.exitCode !== null || child.proc.signalCode !== null) throw new Error(`server exited: ${what}\n${child.log()}`)
      return (await fetch(url)).ok
    },
    { timeoutMs: 30_000, intervalMs: 25, what },
  )
}

function exited(proc: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve()
    proc.once('exit', () => resolve())
    proc.kill(signal)
  })
}

export type SpawnOptions = {
  /** Extra node arguments, e.g. ['--cpu-prof', '--cpu-prof-dir=…']. */
  nodeArgs?: string[]
  /** Another copy of the project to run our server from, for a before/after comparison. */
  projectDir?: string
  /** Extra environment, e.g. REDIS_URL and INSTANCE_ID of one instance of several. */
  env?: Record<string, string>
  /** A data directory shared with other instances: the caller creates and removes it. */
  dataDir?: string
}

/** BENCH_OURS_DIR: another checkout whose server stands in for ours in every bench (a before/after run). */
export const oursProjectDir = process.env.BENCH_OURS_DIR ? path.resolve(process.env.BENCH_OURS_DIR) : undefined

/** Our server with a throwaway data directory, durable appends and rate limits lifted. */
export async function startOurs(options: SpawnOptions = {}): Promise<Target> {
  const port = await freePort()
  const projectDir = options.projectDir ?? oursProjectDir
  const ownDataDir = !options.dataDir
  const dataDir = options.dataDir ?? tempDataDir('bench')
  if (ownDataDir) dataDirs.add(dataDir)
  const metricsToken = `bench-${Math.random().toString(36).slice(2)}-token`
  const env = {
    // As `npm start` runs it; another checkout runs as its own start script did, under tsx.
    ...(projectDir ? {} : startScriptEnv()),
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'users',
    // Bench clients are machines: lift the per-connection limits meant for people.
    MESSAGES_PER_SECOND: '1000000',
    MESSAGE_BURST: '1000000',
    PROPOSALS_PER_HOUR: '1000000',
    METRICS_TOKEN: metricsToken,
    ...options.env,
  }
  // Compiled, as `npm start` runs it; another checkout (which may predate the build) runs under tsx.
  const program = projectDir ? ['--import', 'tsx', 'server/main.ts'] : [await serverProgram('main')]
  const args = [...(options.nodeArgs ?? []), ...program]
  const url = `http://127.0.0.1:${port}`
  const start = async () => {
    const child = launch(args, env, projectDir)
    await waitUntilServing(child, `${url}/api/health`, 'our server to start')
    return child
  }
  let child = await start()
  const cookie = await signIn(url, 'sozialamt.editor')
  return {
    name: 'ours',
    pid: () => child.proc.pid!,
    wsBase: `ws://127.0.0.1:${port}/sync`,
    WebSocket: webSocketWithCookie(cookie),
    newRoom: async (label) => (await createProposal(url, cookie, label)).id,
    async makeCold() {
      // SIGKILL: no shutdown code runs, so nothing is compacted or cached on the way out.
      await exited(child.proc, 'SIGKILL')
      child = await start()
    },
    async histograms() {
      const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
      return parseHistograms(await response.text())
    },
    async redisReady() {
      await waitFor(
        async () => ((await (await fetch(`${url}/api/health`)).json()) as { redis?: { state?: string } }).redis?.state === 'ready',
        { timeoutMs: 30_000, intervalMs: 50, what: 'the instance to subscribe to Redis' },
      )
    },
    storedLog(room) {
      const sqlite = new Database(path.join(dataDir, 'mitzeichnung.sqlite'), { readonly: true })
      try {
        const snapshot = sqlite.prepare('select last_seq from doc_snapshots where doc_name = ?').get(room) as { last_seq: number } | undefined
        const tail = sqlite.prepare('select count(*) as n from doc_updates where doc_name = ? and seq > ?').get(room, snapshot?.last_seq ?? 0) as { n: number }
        return { logLength: tail.n, hasSnapshot: Boolean(snapshot) }
      } finally {
        sqlite.close()
      }
    },
    async stop() {
      await exited(child.proc, 'SIGTERM')
      if (!ownDataDir) return
      fs.rmSync(dataDir, { recursive: true, force: true })
      dataDirs.delete(dataDir)
    },
  }
}

async function compiledReferenceServer(): Promise<string> {
  const outfile = path.join(root, 'dist/bench/reference-server.mjs')
  await build({ entryPoints: [path.join(root, 'bench/reference-server.ts')], outfile, bundle: true, format: 'esm', platform: 'node', packages: 'external', logLevel: 'warning' })
  return outfile
}

/** The reference server, in memory. */
export async function startReference(options: SpawnOptions = {}): Promise<Target> {
  const port = await freePort()
  // Compiled like ours, so that neither side carries the TypeScript loader in its memory and start-up.
  const child = launch([...(options.nodeArgs ?? []), await compiledReferenceServer()], {
    HOST: '127.0.0.1',
    PORT: String(port),
  })
  await waitUntilServing(child, `http://127.0.0.1:${port}/`, 'the reference server to start')
  const { default: WebSocketClass } = await import('ws')
  let rooms = 0
  return {
    name: 'reference',
    pid: () => child.proc.pid!,
    wsBase: `ws://127.0.0.1:${port}`,
    WebSocket: WebSocketClass,
    newRoom: async (label) => `${label.replace(/[^a-z0-9]+/gi, '-')}-${++rooms}-${Date.now().toString(36)}`,
    // Its documents live only in memory: a restart would lose them, so it stays warm.
    makeCold: async () => undefined,
    stop: () => exited(child.proc, 'SIGTERM'),
  }
}

/** The `_bucket` lines of a Prometheus text exposition, as histograms by metric name. */
function parseHistograms(text: string): Record<string, Histogram> {
  const histograms: Record<string, Histogram> = {}
  for (const match of text.matchAll(/^(\w+)_bucket\{le="([^"]+)"\} (\d+)$/gm)) {
    const histogram = (histograms[match[1]!] ??= { bounds: [], counts: [] })
    histogram.bounds.push(match[2] === '+Inf' ? Infinity : Number(match[2]))
    histogram.counts.push(Number(match[3]))
  }
  return histograms
}
