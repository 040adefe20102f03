// The cross-instance hop alone: one writer on instance A, one reader on A and one on B, in one room.
// Each edit reaches both readers; the difference of their latencies is what Redis publish → the other
// instance applies → its client costs, with nothing else going on in the installation.
import type * as Y from 'yjs'
import { percentiles, type Percentiles } from './measure'
import type { Target } from './servers'
import { allSynced, connect, destroyClient } from './workload'

export type HopRun = { rep: number; edits: number; sameInstance: Percentiles; otherInstance: Percentiles }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function measureHop([a, b]: Target[], rep: number, edits: number, perSecond: number): Promise<HopRun> {
  const room = await a!.newRoom('bench hop')
  const writer = connect(a!, room)
  const readers = [connect(a!, room), connect(b!, room)]
  const clockEnds: number[] = []
  const sentAt: number[] = []
  const latencies = readers.map(() => new Float64Array(edits))
  const seen = readers.map(() => 0)
  readers.forEach((reader, r) =>
    reader.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.local) return
      const now = performance.now()
      const after = transaction.afterState.get(writer.doc.clientID) ?? 0
      for (; seen[r]! < clockEnds.length && clockEnds[seen[r]!]! <= after; seen[r]!++) latencies[r]![seen[r]!] = now - sentAt[seen[r]!]!
    }),
  )
  const all = [writer, ...readers]
  try {
    await allSynced(all, 60_000)
    await sleep(300)
    let clock = 0
    const started = performance.now()
    for (let k = 0; k < edits; k++) {
      const wait = started + (k * 1000) / perSecond - performance.now()
      if (wait > 0) await sleep(wait)
      const chunk = `${k.toString(36)} `
      sentAt.push(performance.now())
      writer.text().insert(writer.text().length, chunk)
      clockEnds.push((clock += chunk.length))
    }
    const deadline = performance.now() + 20_000
    while (seen.some((n) => n < edits) && performance.now() < deadline) await sleep(5)
    if (seen.some((n) => n < edits)) throw new Error(`hop: readers saw ${seen.join(' and ')} of ${edits} edits`)
    return { rep, edits, sameInstance: percentiles(latencies[0]!), otherInstance: percentiles(latencies[1]!) }
  } finally {
    for (const client of all) destroyClient(client)
    await sleep(300)
  }
}

export const hopLine = (run: HopRun) =>
  `  hop rep ${run.rep + 1}: ${run.edits} edits, reader on A p50 ${run.sameInstance.p50.toFixed(2)} p99 ${run.sameInstance.p99.toFixed(2)} ms, ` +
  `reader on B p50 ${run.otherInstance.p50.toFixed(2)} p99 ${run.otherInstance.p99.toFixed(2)} ms`
