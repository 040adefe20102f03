// Builds a document's new snapshot from its stored parts (the old snapshot and the logged updates) in a
// worker thread. Encoding a large document takes tens of milliseconds; on the server's own thread that
// would stall every room. The worker decodes the parts into a fresh Y.Doc (which collects deleted
// content, as the live doc does) and encodes it: only bytes cross the thread boundary.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// Plain CommonJS, so the worker needs no TypeScript loader (tsx in development, a bundle in production).
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const Y = require(workerData.yjs)
parentPort.on('message', ({ id, parts }) => {
  try {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, parts.length === 1 ? parts[0] : Y.mergeUpdates(parts))
    const state = Y.encodeStateAsUpdate(doc)
    const stateVector = Y.encodeStateVector(doc)
    doc.destroy()
    parentPort.postMessage({ id, state, stateVector }, [state.buffer, stateVector.buffer])
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) })
  }
})
`

export type MergedSnapshot = { state: Uint8Array; stateVector: Uint8Array }

export type SnapshotMerger = {
  /** The document of `parts` (applied in order) as one update with its state vector. */
  merge(parts: Uint8Array[]): Promise<MergedSnapshot>
  /** Ends the worker; merges in flight fail. The merger can be used again afterwards (a new worker). */
  close(): Promise<void>
}

type Answer = { id: number; state?: Uint8Array; stateVector?: Uint8Array; error?: string }
type Waiting = { resolve(merged: MergedSnapshot): void; reject(error: Error): void }

export type SnapshotMergerOptions = {
  /** Heap limit of the worker in MB: a document too large for it fails its compaction, not the server. */
  memoryMb?: number
  /** An idle worker is ended after this long, and started again with the next merge. */
  idleMs?: number
}

export function createSnapshotMerger(options: SnapshotMergerOptions = {}): SnapshotMerger {
  const { memoryMb = 1024, idleMs = 300_000 } = options
  const yjs = createRequire(import.meta.url).resolve('yjs')
  let worker: Worker | undefined
  const waiting = new Map<number, Waiting>()
  let nextId = 1
  let idleTimer: NodeJS.Timeout | undefined

  /** Every waiting merge fails; the next merge starts a fresh worker. */
  const fail = (ended: Worker, error: Error) => {
    if (worker !== ended) return
    worker = undefined
    clearTimeout(idleTimer)
    for (const entry of waiting.values()) entry.reject(error)
    waiting.clear()
    void ended.terminate()
  }

  const start = (): Worker => {
    const started = new Worker(workerSource, { eval: true, workerData: { yjs }, resourceLimits: { maxOldGenerationSizeMb: memoryMb } })
    started.on('message', (answer: Answer) => {
      const entry = waiting.get(answer.id)
      if (!entry) return
      waiting.delete(answer.id)
      if (waiting.size === 0) idle(started)
      if (answer.error !== undefined || !answer.state || !answer.stateVector) entry.reject(new Error(`merging the snapshot failed: ${answer.error}`))
      else entry.resolve({ state: answer.state, stateVector: answer.stateVector })
    })
    started.on('error', (error) => fail(started, error))
    started.on('exit', (code) => fail(started, new Error(`the snapshot worker exited (${code})`)))
    return started
  }

  /** Nothing to wait for: the worker must not keep the process alive, and goes after a while. */
  const idle = (current: Worker) => {
    current.unref()
    clearTimeout(idleTimer)
    idleTimer = setTimeout(() => {
      if (worker === current && waiting.size === 0) fail(current, new Error('idle'))
    }, idleMs)
    idleTimer.unref()
  }

  return {
    merge(parts) {
      const current = (worker ??= start())
      clearTimeout(idleTimer)
      // A merge in flight keeps the process alive (a shutdown awaits its compaction).
      current.ref()
      const id = nextId++
      return new Promise<MergedSnapshot>((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        current.postMessage({ id, parts })
      })
    },
    async close() {
      const current = worker
      if (!current) return
      fail(current, new Error('the snapshot worker was closed'))
      await current.terminate()
    },
  }
}
