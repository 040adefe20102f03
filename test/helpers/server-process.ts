// Starts the real server as a child process on 127.0.0.1 with its own data directory.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { killWithTestProcess } from './child-processes'
import { serverProgram } from './server-build'
import { createPostgresDatabase, type Backend } from './services'
import { waitFor } from './wait'

const root = path.resolve(import.meta.dirname, '../..')

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

export function tempDataDir(label = 'data'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `mitzeichnung-${label}-`))
}

/** The environment every test server starts with; `options.env` overrides it. */
export function testServerEnv(dataDir: string, port: number, env: Record<string, string> = {}): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ROOM_IDLE_MS: '200',
    SEED_DEMO: 'users',
    // Every sign-in of a test pays the hash: the lowest cost keeps hundreds of sign-ins cheap.
    PASSWORD_HASH_COST: '10',
    // Where the tests reach it: OParl ids and trusted origins name this address.
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    // A private client build (CLIENT_DIR) reaches in-process servers as it reaches child processes.
    ...(process.env.CLIENT_DIR ? { CLIENT_DIR: process.env.CLIENT_DIR } : {}),
    ...env,
  }
}

export type ServerProcess = {
  url: string
  wsUrl: string
  port: number
  dataDir: string
  /** The PostgreSQL database the server stores in (undefined: SQLite in dataDir). */
  databaseUrl?: string
  /** Everything the process wrote to stderr so far. */
  output(): string
  /** The running process's id (to read its memory from /proc). */
  pid(): number
  /** SIGKILL: no shutdown code runs. */
  kill9(): Promise<void>
  /** SIGTERM, waiting for a clean exit. */
  stop(): Promise<void>
  /** Starts a fresh process on the same port and data directory. */
  restart(): Promise<void>
}

export type ServerOptions = {
  dataDir?: string
  port?: number
  env?: Record<string, string>
  /** Where the server stores everything: SQLite under dataDir (default) or a fresh PostgreSQL database. */
  backend?: Backend
  /** A PostgreSQL database that exists already (several instances share one); overrides `backend`. */
  databaseUrl?: string
}

/** The environment that points a server at its backend: a new PostgreSQL database per server, or nothing (SQLite). */
export async function backendEnv(backend: Backend = 'sqlite'): Promise<{ env: Record<string, string>; databaseUrl?: string }> {
  if (backend === 'sqlite') return { env: {} }
  return postgresEnv((await createPostgresDatabase()).url)
}

const postgresEnv = (databaseUrl: string) => ({ env: { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '4' }, databaseUrl })

export async function startServerProcess(options: ServerOptions = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? tempDataDir()
  const port = options.port ?? (await freePort())
  const storage = options.databaseUrl ? postgresEnv(options.databaseUrl) : await backendEnv(options.backend)
  const env = { ...storage.env, ...options.env }
  let child: ChildProcess | undefined
  let log = ''

  const launch = async () => {
    log = ''
    const proc = spawn(process.execPath, [await serverProgram('main')], {
      cwd: root,
      env: { ...process.env, ...testServerEnv(dataDir, port, env) },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child = proc
    killWithTestProcess(proc)
    proc.stderr!.on('data', (chunk) => (log += chunk))
    let exited = false
    proc.once('exit', () => (exited = true))
    await waitFor(
      async () => {
        if (exited) throw new Error(`server exited during start:\n${log}`)
        return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok
      },
      { timeoutMs: 30_000, intervalMs: 25, what: 'server start' },
    )
  }

  const waitForExit = (proc: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) resolve()
      else proc.once('exit', () => resolve())
    })

  await launch()
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    port,
    dataDir,
    databaseUrl: storage.databaseUrl,
    output: () => log,
    pid: () => child!.pid!,
    async kill9() {
      const proc = child!
      proc.kill('SIGKILL')
      await waitForExit(proc)
    },
    async stop() {
      const proc = child!
      proc.kill('SIGTERM')
      await waitForExit(proc)
    },
    async restart() {
      await launch()
    },
  }
}

/** Runs the server in `dataDir` until it exits by itself (a refused start); one that starts is killed at the deadline. */
export async function runServerUntilExit(
  dataDir: string,
  env: Record<string, string> = {},
  deadlineMs = 30_000,
): Promise<{ code: number | null; stderr: string }> {
  const port = await freePort()
  const child = spawn(process.execPath, [await serverProgram('main')], {
    cwd: root,
    env: { ...process.env, ...testServerEnv(dataDir, port, { LOG_LEVEL: 'warn', ...env }) },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  killWithTestProcess(child)
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const deadline = setTimeout(() => child.kill('SIGKILL'), deadlineMs)
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(deadline)
      resolve({ code, stderr })
    }),
  )
}
