// Starts the real server inside the test's own process: the same app, database and sockets as a
// child process, without the seconds a fresh `tsx` process costs. Tests that must kill the
// process (crash, storage faults, fuzz) use startServerProcess instead.
import { pathToFileURL } from 'node:url'
import { loadConfig } from '../../server/config'
import { startServer, type RunningServer } from '../../server/server'
import { builtProgram } from './server-build'
import { backendEnv, freePort, tempDataDir, testServerEnv, type ServerOptions } from './server-process'
import { createTestClock, type TestClock } from './test-clock'

export type TestServer = {
  url: string
  wsUrl: string
  port: number
  dataDir: string
  /** The PostgreSQL database the server stores in (undefined: SQLite in dataDir). */
  databaseUrl?: string
  /** The server's clock: deadlines, notifications and digests go by it; move it instead of waiting. */
  clock: TestClock
  /** Runs the clock-driven work now (deadline sweep, due e-mail digests), as the scheduler's next tick would. */
  runScheduledWork(): Promise<void>
  /** Every log line the server wrote so far. */
  output(): string
  /** A clean shutdown: every open document stored, every socket closed. */
  stop(): Promise<void>
  /** A fresh server on the same port and data directory. */
  restart(): Promise<void>
}

export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir()
  // A known port, not 0: the configuration derives the public base URL from it.
  const port = options.port ?? (await freePort())
  const storage = await backendEnv(options.backend)
  const env = { ...storage.env, ...options.env }
  let log = ''
  let running: RunningServer | undefined
  const clock = createTestClock()
  // The compiled render worker: a worker thread loading the TypeScript through tsx takes seconds to start.
  const renderWorker = builtProgram('render-worker-entry')

  const launch = async () => {
    log = ''
    running = await startServer(loadConfig(testServerEnv(dataDir, port, env)), {
      logSink: (line) => (log += line),
      clock,
      renderWorkerEntry: renderWorker ? pathToFileURL(renderWorker) : undefined,
    })
  }
  await launch()

  const stop = async () => {
    const server = running
    running = undefined
    await server?.stop()
  }
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    port,
    dataDir,
    databaseUrl: storage.databaseUrl,
    clock,
    runScheduledWork: () => running?.runScheduledWork() ?? Promise.resolve(),
    output: () => log,
    stop,
    async restart() {
      await stop()
      await launch()
    },
  }
}
