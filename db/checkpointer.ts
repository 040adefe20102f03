// Runs SQLite's WAL checkpoints in a worker thread. A checkpoint syncs the database file to disk,
// which can take tens of milliseconds; done inside a commit on the main thread, it would stall
// every room of the process. The worker has its own connection and checkpoints without blocking
// writers (PASSIVE); the main connection stops checkpointing by itself.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// Plain CommonJS, so the worker needs no TypeScript loader.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 100')
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch (error) {
    parentPort.postMessage(String(error && error.message || error))
  }
}, workerData.intervalMs)
parentPort.once('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

export type Checkpointer = { stop(): Promise<void> }

export function startCheckpointer(file: string, intervalMs: number, onError: (message: string) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(workerSource, { eval: true, workerData: { file, intervalMs, driver } })
  worker.on('message', onError)
  worker.on('error', (error) => onError(error.message))
  // An idle checkpointer must not keep the process alive.
  worker.unref()
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve())
        // Stopping must keep the process alive until the worker closed its connection (else Node exits mid-await).
        worker.ref()
        worker.postMessage('stop')
      }),
  }
}
