// Event-loop stalls while a large proposal is typed in: a ≈ 480 KB state (20 000 seeded edits at random
// positions, as in the cold-open history) with two people typing steadily, long enough for several
// compactions. The server runs in this process, so a `monitorEventLoopDelay` probe sees every stall;
// the clients' own work per keystroke is a few microseconds. Run alone: npx tsx bench/compaction-stall.ts
// (`npm run bench` runs it in a child process and prints its lines). Each run is done twice: with
// compaction every COMPACT_AFTER_UPDATES (500, the default) and with compaction off, so the difference
// is what compaction costs the event loop.
import { AsyncResource, createHook, executionAsyncId } from 'node:async_hooks'
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import path from 'node:path'
import fs from 'node:fs'
import * as Y from 'yjs'
import { bodyFragment } from '../shared/model'
import { connectSynced, createProposal, newBodyParagraph, signIn, type Client } from '../test/helpers/clients'
import { RoomLog } from '../server/sync/room-log'
import { startTestServer } from '../test/helpers/test-server'
import { waitFor } from '../test/helpers/wait'
import { historyParagraphs, seededEdit } from './cold-open'
import { seededRandom, positiveEnv } from './measure'

const env = positiveEnv
const historyEdits = env('BENCH_STALL_HISTORY', 20_000)
const seconds = env('BENCH_STALL_SECONDS', 30)
/** Keystrokes per second of each of the two typists. */
const keysPerSecond = env('BENCH_STALL_RATE', 25)
const compactAfter = env('BENCH_STALL_COMPACT_AFTER', 500)

export type StallRun = {
  compaction: boolean
  compactions: number
  /** Per compaction: the longest piece of its own work on the event loop, and all of it (wall ms). */
  longestSliceMs: number[]
  /** Per compaction: the garbage collection that ran within its longest piece (ms): GC, not compaction code. */
  longestSliceGcMs: number[]
  mainThreadMsPerCompaction: number[]
  /** The longest probe gap that overlapped a compaction, and the longest that did not. */
  maxDuringMs: number
  maxOutsideMs: number
  /**
   * The same, counting only the main thread's time on a CPU within the gap (/proc/…/schedstat): what work
   * blocked the loop, without the time a busy machine kept the thread off the CPU.
   */
  busyDuringMs: number
  busyOutsideMs: number
  stateBytes: number
  /** Encoding the document on the event loop, as compaction did before it moved to a worker (median ms). */
  encodeMs: number
  keystrokes: number
  maxMs: number
  p99Ms: number
  /** Gaps of a 1 ms interval probe over 5 ms and over 20 ms. */
  over5: number
  over20: number
  snapshotSeq: number
  logLength: number
}

/**
 * When each compaction of the server in this process ran, and how long each piece of its own work held
 * the event loop: RoomLog's compaction step is wrapped from outside, and async_hooks time every callback
 * that descends from it (continuations after its awaits included). Only while `tracing` is on.
 */
const compactionWindows: [number, number][] = []
/** Per compaction (in start order), each synchronous piece of its work on the main thread: [from, to] in ms. */
const compactionSlices: [number, number][][] = []
/** Garbage collections of this process while tracing: [from, to] in ms. */
const collections: [number, number][] = []
const gcObserver = new PerformanceObserver((list) => {
  if (tracing) for (const entry of list.getEntries()) collections.push([entry.startTime, entry.startTime + entry.duration])
})
gcObserver.observe({ entryTypes: ['gc'] })
const gcWithin = ([from, to]: [number, number]) =>
  collections.reduce((sum, [start, end]) => sum + Math.max(0, Math.min(to, end) - Math.max(from, start)), 0)
const length = ([from, to]: [number, number]) => to - from
/** Async resource id → the compaction it descends from. */
const traced = new Map<number, number>()
let tracing = false
let depth = 0
let sliceStarted = 0
let sliceOf = -1
const hook = createHook({
  // By the running context only: a promise's trigger is the promise it chains from, which would let
  // every later transaction queued behind a compaction's (db/transaction.ts) count as compaction work.
  init(asyncId) {
    const root = tracing ? traced.get(executionAsyncId()) : undefined
    if (root !== undefined) traced.set(asyncId, root)
  },
  before(asyncId) {
    const root = traced.get(asyncId)
    if (root === undefined || depth++ > 0) return
    sliceStarted = performance.now()
    sliceOf = root
  },
  after(asyncId) {
    if (!traced.has(asyncId) || --depth > 0) return
    compactionSlices[sliceOf]!.push([sliceStarted, performance.now()])
  },
  destroy(asyncId) {
    traced.delete(asyncId)
  },
})
const proto = RoomLog.prototype as unknown as { compactNow(): Promise<void> }
const compactNow = proto.compactNow
proto.compactNow = function (this: RoomLog) {
  if (!tracing) return compactNow.call(this)
  const index = compactionSlices.push([]) - 1
  const started = performance.now()
  const scope = new AsyncResource('bench-compaction')
  traced.set(scope.asyncId(), index)
  depth++
  const running = scope.runInAsyncScope(() => compactNow.call(this))
  depth--
  compactionSlices[index]!.push([started, performance.now()])
  const done = () => compactionWindows.push([started, performance.now()])
  running.then(done, done)
  return running
}

const schedstat = fs.openSync(`/proc/self/task/${process.pid}/schedstat`, 'r')
const schedBuffer = Buffer.alloc(128)
/** The main thread's time on a CPU so far, in ms (the first field of schedstat is nanoseconds). */
function mainThreadCpuMs(): number {
  const length = fs.readSync(schedstat, schedBuffer, 0, schedBuffer.length, 0)
  return Number(schedBuffer.toString('latin1', 0, length).split(' ')[0]) / 1e6
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))


async function drained(client: Client): Promise<void> {
  for (let i = 0; i < 5000 && (client.provider.ws?.bufferedAmount ?? 0) > 0; i++) await sleep(2)
}

/** The cold-open history's edits (bench/cold-open.ts), 200 per update. */
async function buildHistory(writer: Client): Promise<void> {
  const next = seededRandom(949)
  const texts = Array.from({ length: historyParagraphs }, () => newBodyParagraph(writer.doc))
  for (let i = 0; i < historyEdits; i += 200) {
    writer.doc.transact(() => {
      for (let j = 0; j < 200; j++) seededEdit(texts, next)
    })
    await drained(writer)
  }
}

function storedLog(dataDir: string, room: string): { snapshotSeq: number; logLength: number } {
  const db = new Database(path.join(dataDir, 'mitzeichnung.sqlite'), { readonly: true })
  try {
    const snapshot = db.prepare('select last_seq as seq from doc_snapshots where doc_name = ?').get(room) as { seq: number } | undefined
    const log = db.prepare('select count(*) as n from doc_updates where doc_name = ?').get(room) as { n: number }
    return { snapshotSeq: snapshot?.seq ?? 0, logLength: log.n }
  } finally {
    db.close()
  }
}

export async function measureStall(compaction: boolean): Promise<StallRun> {
  const server = await startTestServer({
    env: {
      COMPACT_AFTER_UPDATES: String(compaction ? compactAfter : 1_000_000_000),
      MESSAGES_PER_SECOND: '100000',
      MESSAGE_BURST: '100000',
      LOG_LEVEL: 'error',
    },
  })
  const clients: Client[] = []
  try {
    const cookie = await signIn(server.url, 'sozialamt.editor')
    const { id } = await createProposal(server.url, cookie, 'Großer Entwurf')
    const writer = await connectSynced(server.wsUrl, id, cookie)
    clients.push(writer)
    await buildHistory(writer)
    const other = await connectSynced(server.wsUrl, id, cookie, { timeoutMs: 120_000 })
    clients.push(other)
    await waitFor(() => Y.encodeStateVector(other.doc).toString() === Y.encodeStateVector(writer.doc).toString(), { timeoutMs: 120_000, what: 'history everywhere' })
    const stateBytes = Y.encodeStateAsUpdate(writer.doc).length
    // What compaction used to do on the event loop: encode the whole document and its state vector (median of 7).
    const encodings = Array.from({ length: 7 }, () => {
      const started = performance.now()
      Y.encodeStateAsUpdate(other.doc)
      Y.encodeStateVector(other.doc)
      return performance.now() - started
    }).sort((a, b) => a - b)
    // Each typist in a paragraph of their own, appended at its end as a person types.
    const places = [newBodyParagraph(writer.doc), newBodyParagraph(other.doc)]
    await sleep(500)

    const histogram = monitorEventLoopDelay({ resolution: 1 })
    let over5 = 0
    let over20 = 0
    // [from, to, on-CPU ms of the main thread in between] of every probe gap over 2 ms.
    const gaps: [number, number, number][] = []
    let last = performance.now()
    let lastCpu = mainThreadCpuMs()
    const probe = setInterval(() => {
      const now = performance.now()
      const cpu = mainThreadCpuMs()
      const gap = now - last
      if (gap > 2) gaps.push([last, now, cpu - lastCpu])
      last = now
      lastCpu = cpu
      if (gap > 5) over5++
      if (gap > 20) over20++
    }, 1)
    compactionWindows.length = 0
    compactionSlices.length = 0
    collections.length = 0
    tracing = true
    hook.enable()
    histogram.enable()
    let keystrokes = 0
    const started = performance.now()
    const interval = 1000 / keysPerSecond
    for (let tick = 0; performance.now() - started < seconds * 1000; tick++) {
      for (const text of places) text.insert(text.length, String.fromCharCode(97 + (tick % 26)))
      keystrokes += places.length
      const due = started + (tick + 1) * interval
      await sleep(Math.max(0, due - performance.now()))
    }
    // Until both hold everything: every keystroke stored and delivered.
    await waitFor(() => Y.encodeStateVector(other.doc).toString() === Y.encodeStateVector(writer.doc).toString(), { timeoutMs: 60_000, what: 'typing everywhere' })
    histogram.disable()
    clearInterval(probe)
    // A compaction still running: wait for it, so every piece of it counts.
    await waitFor(() => compactionWindows.length >= compactionSlices.length, { timeoutMs: 60_000, what: 'the last compaction' })
    await sleep(50) // the GC observer reports on a later turn
    tracing = false
    hook.disable()
    traced.clear()
    if (bodyFragment(other.doc).toJSON() !== bodyFragment(writer.doc).toJSON()) throw new Error('the two typists diverged')
    // A fresh client gets everything from the server: nothing was lost around a compaction.
    const fresh = await connectSynced(server.wsUrl, id, cookie, { timeoutMs: 120_000 })
    clients.push(fresh)
    if (bodyFragment(fresh.doc).toJSON() !== bodyFragment(writer.doc).toJSON()) throw new Error('the server lost edits')
    // Only compactions of the typing phase (the threshold is crossed while typing, never during the build's 100 updates).
    const windows = compactionWindows.filter(([, end]) => end >= started)
    const overlaps = ([from, to]: [number, number, number]) => windows.some(([start, end]) => from <= end && to >= start)
    const longest = (list: [number, number, number][]) => Math.max(0, ...list.map(([from, to]) => to - from))
    const busiest = (list: [number, number, number][]) => Math.max(0, ...list.map(([, , cpu]) => cpu))
    const during = gaps.filter(overlaps)
    const longestSlices = compactionSlices.map((slices) => slices.reduce((a, b) => (length(b) > length(a) ? b : a)))
    const outside = gaps.filter((gap) => !overlaps(gap))
    return {
      compaction,
      compactions: windows.length,
      longestSliceMs: longestSlices.map(length),
      longestSliceGcMs: longestSlices.map(gcWithin),
      mainThreadMsPerCompaction: compactionSlices.map((slices) => slices.reduce((sum, slice) => sum + length(slice), 0)),
      maxDuringMs: longest(during),
      maxOutsideMs: longest(outside),
      busyDuringMs: busiest(during),
      busyOutsideMs: busiest(outside),
      stateBytes,
      encodeMs: encodings[3]!,
      keystrokes,
      maxMs: histogram.max / 1e6,
      p99Ms: histogram.percentile(99) / 1e6,
      over5,
      over20,
      ...storedLog(server.dataDir, id),
    }
  } finally {
    for (const client of clients) client.destroy()
    await server.stop()
    fs.rmSync(server.dataDir, { recursive: true, force: true })
  }
}

const list = (values: number[]) => (values.length ? values.map((ms) => ms.toFixed(1)).join(' / ') : '–')

export const stallLine = (run: StallRun) =>
  `compaction stall, ${run.compaction ? `compaction every ${compactAfter}` : 'compaction off'}: ${(run.stateBytes / 1024).toFixed(0)} KB state ` +
  `(encoding it on the event loop: ${run.encodeMs.toFixed(1)} ms), ` +
  `${run.keystrokes} keystrokes in ${seconds} s; event-loop delay max ${run.maxMs.toFixed(1)} ms, p99 ${run.p99Ms.toFixed(1)} ms; ` +
  `probe gaps > 5 ms: ${run.over5}, > 20 ms: ${run.over20}; ${run.compactions} compactions: the longest piece of each one's work on the event loop ` +
  `${list(run.longestSliceMs)} ms (garbage collection within it ${list(run.longestSliceGcMs)} ms), all of it ${list(run.mainThreadMsPerCompaction)} ms; longest gap during one ${run.maxDuringMs.toFixed(1)} ms, ` +
  `outside ${run.maxOutsideMs.toFixed(1)} ms; on the CPU: longest during one ${run.busyDuringMs.toFixed(1)} ms, outside ${run.busyOutsideMs.toFixed(1)} ms; snapshot at seq ${run.snapshotSeq}, log ${run.logLength} rows`

if (import.meta.url === `file://${process.argv[1]}`) {
  const reps = env('BENCH_STALL_REPS', 2)
  for (let rep = 0; rep < reps; rep++) {
    for (const compaction of rep % 2 === 0 ? [true, false] : [false, true]) console.log(stallLine(await measureStall(compaction)))
  }
  process.exit(0)
}
