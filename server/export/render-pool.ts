// A few worker threads that render the export files, so a long PDF never stalls live editing. Each
// worker has a heap limit and each render a time limit; a worker that dies or overruns is replaced, and
// its renders fail. Nothing ever renders on the server's own thread: a paper that exhausts a worker
// must not take the server with it.
import { Worker } from 'node:worker_threads'
import type { Paper } from './paper'
import type { RenderRequest, RenderResponse } from './render-worker'

export type Renderer = (format: 'docx' | 'pdf', paper: Paper, stamp: Date) => Promise<Uint8Array>

/** The render could not finish: the worker ran out of memory or time, or could not start (HTTP 503). */
export class RenderUnavailableError extends Error {}
/** The renderer refused the paper (HTTP 422). */
export class RenderFailedError extends Error {}

type Pending = { resolve(bytes: Uint8Array): void; reject(error: Error): void; timer: NodeJS.Timeout }
type Slot = { worker: Worker; pending: Map<number, Pending>; ended: boolean }

export type RenderPoolOptions = {
  size?: number
  /** Longest time one render may take, from hand-over to answer; over it the worker is terminated. */
  timeoutMs?: number
  /** Heap limit of each worker (V8's old generation), in MB; over it the worker dies, not the server. */
  memoryMb?: number
  /** The worker's entry module (tests give one that cannot load). */
  entry?: URL
}

export type RenderPool = Renderer & { close(): Promise<void> }

export function createRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const { size = 2, timeoutMs = 30_000, memoryMb = 512, entry = new URL('./render-worker-entry.mjs', import.meta.url) } = options
  const slots: (Slot | undefined)[] = Array.from({ length: size }, () => undefined)
  let nextId = 1
  let closed = false

  /** Ends a slot once: its renders fail with `error`, and the next render starts a fresh worker. */
  const end = (index: number, slot: Slot, error: Error) => {
    if (slot.ended) return
    slot.ended = true
    if (slots[index] === slot) slots[index] = undefined
    for (const waiting of slot.pending.values()) {
      clearTimeout(waiting.timer)
      waiting.reject(error)
    }
    slot.pending.clear()
    void slot.worker.terminate()
  }

  const start = (index: number): Slot => {
    // The entry registers tsx itself: loader flags of this process do not reach a worker's modules.
    const worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: memoryMb } })
    const slot: Slot = { worker, pending: new Map(), ended: false }
    // An idle pool must not keep the process alive.
    worker.unref()
    worker.on('message', (response: RenderResponse) => {
      const waiting = slot.pending.get(response.id)
      if (!waiting) return
      slot.pending.delete(response.id)
      clearTimeout(waiting.timer)
      if ('error' in response) waiting.reject(new RenderFailedError(response.error))
      else waiting.resolve(response.bytes)
    })
    worker.on('error', (error: Error & { code?: string }) => {
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'ran out of memory' : `failed: ${error.message}`
      end(index, slot, new RenderUnavailableError(`the render worker ${reason}`))
    })
    worker.on('exit', (code) => end(index, slot, new RenderUnavailableError(`the render worker exited with code ${code}`)))
    slots[index] = slot
    return slot
  }

  // The least busy worker, started on first use and after one ended.
  const pick = (): { index: number; slot: Slot } => {
    let best = 0
    for (let i = 1; i < size; i++) if ((slots[i]?.pending.size ?? 0) < (slots[best]?.pending.size ?? 0)) best = i
    return { index: best, slot: slots[best] ?? start(best) }
  }

  const render: Renderer = (format, paper, stamp) => {
    if (closed) return Promise.reject(new RenderUnavailableError('the render pool is closed'))
    const { index, slot } = pick()
    const id = nextId++
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => end(index, slot, new RenderUnavailableError(`the render took longer than ${timeoutMs} ms`)), timeoutMs)
      slot.pending.set(id, { resolve, reject, timer })
      slot.worker.postMessage({ id, format, paper, stamp: stamp.toISOString() } satisfies RenderRequest)
    })
  }

  return Object.assign(render, {
    async close() {
      closed = true
      await Promise.all(slots.map((slot, index) => slot && (end(index, slot, new RenderUnavailableError('the render pool is closed')), slot.worker.terminate())))
    },
  })
}
