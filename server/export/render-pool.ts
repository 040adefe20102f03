// A few worker threads that render the export files, so a long PDF never stalls live editing. Where
// workers cannot start (no TypeScript loader, say), rendering falls back to this thread, not failing.
import { Worker } from 'node:worker_threads'
import { renderDocx } from './docx'
import type { Paper } from './paper'
import { renderPdf } from './pdf'
import type { RenderRequest, RenderResponse } from './render-worker'

type Pending = { resolve(bytes: Uint8Array): void; reject(error: Error): void }
type Slot = { worker: Worker; pending: Map<number, Pending>; answered: boolean }

export type Renderer = (format: 'docx' | 'pdf', paper: Paper, stamp: Date) => Promise<Uint8Array>

export const renderInThread: Renderer = (format, paper, stamp) => (format === 'pdf' ? renderPdf(paper, stamp) : renderDocx(paper, stamp))

/** Marks a worker that died before it ever answered: it could not load, and the next would not either. */
class WorkerStartError extends Error {}

export type RenderPoolOptions = {
  size?: number
  /** The worker's entry module (tests give one that cannot load, to see the fallback). */
  entry?: URL
}

export function createRenderPool(options: RenderPoolOptions = {}): Renderer & { close(): Promise<void> } {
  const { size = 2, entry = new URL('./render-worker-entry.mjs', import.meta.url) } = options
  const slots: (Slot | undefined)[] = Array.from({ length: size }, () => undefined)
  let nextId = 1
  let unavailable = false

  const start = (index: number): Slot => {
    // The entry registers tsx itself: loader flags of this process do not reach a worker's modules.
    const worker = new Worker(entry)
    const slot: Slot = { worker, pending: new Map(), answered: false }
    // An idle pool must not keep the process alive.
    worker.unref()
    worker.on('message', (response: RenderResponse) => {
      slot.answered = true
      const waiting = slot.pending.get(response.id)
      slot.pending.delete(response.id)
      if ('error' in response) waiting?.reject(new Error(response.error))
      else waiting?.resolve(response.bytes)
    })
    const fail = (error: Error) => {
      if (slots[index] === slot) slots[index] = undefined
      const reason = slot.answered ? error : new WorkerStartError(error.message)
      for (const waiting of slot.pending.values()) waiting.reject(reason)
      slot.pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`render worker exited with code ${code}`)))
    slots[index] = slot
    return slot
  }

  // The least busy worker, started on first use.
  const pick = (): Slot => {
    let best = 0
    for (let i = 1; i < size; i++) if ((slots[i]?.pending.size ?? 0) < (slots[best]?.pending.size ?? 0)) best = i
    return slots[best] ?? start(best)
  }

  const render: Renderer = async (format, paper, stamp) => {
    if (unavailable) return renderInThread(format, paper, stamp)
    const slot = pick()
    const id = nextId++
    try {
      return await new Promise<Uint8Array>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject })
        slot.worker.postMessage({ id, format, paper, stamp: stamp.toISOString() } satisfies RenderRequest)
      })
    } catch (error) {
      if (!(error instanceof WorkerStartError)) throw error
      unavailable = true
      return renderInThread(format, paper, stamp)
    }
  }

  return Object.assign(render, {
    async close() {
      await Promise.all(slots.map((slot) => slot?.worker.terminate()))
    },
  })
}
