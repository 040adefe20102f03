// The typing workload: stock y-websocket clients in rooms, each inserting a few characters at a
// steady rate. Each edit is known by its writer's Yjs clock, so each other client's observation of
// it gives one exact edit-to-observe latency. Ends with a convergence check of every room.
// Given several instances of one installation, a room's clients are spread over them round-robin.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { ownCpuWindow } from './measure'
import type { Target } from './servers'
import { readBodyText } from '../shared/model'
import { bodyText } from '../test/helpers/clients'

export type Profile = {
  name: string
  rooms: number
  clientsPerRoom: number
  insertsPerSecond: number
  seconds: number
}

export type TypingResult = {
  /** Every edit-to-observe latency in ms, one per (edit, other client of its room). */
  latenciesMs: Float64Array
  /** Per latency: 1 when writer and observer are connected to different instances. */
  crossInstance: Uint8Array
  edits: number
  expectedDeliveries: number
  deliveries: number
  /** Edits sent per second of typing, and what the profile asks for (less: the driver fell behind). */
  editsPerSecond: number
  offeredEditsPerSecond: number
  /** Deliveries observed per second, from the first edit to the last observation. */
  deliveriesPerSecond: number
  converged: boolean
  /** Connections that closed while the workload ran (0 expected). */
  disconnects: number
  connectMs: number
  driverCores: number
  driverLoopDelayP99Ms: number
}

/** `text()` is where the client types (the Begründung's first paragraph); `content()` reads without writing. */
export type Client = { doc: Y.Doc; provider: WebsocketProvider; text(): Y.XmlText; content(): string }

/** A stock provider with BroadcastChannel off: in one process it would sync clients past the server. */
export function connect(target: Target, room: string, doc = new Y.Doc(), WebSocketClass = target.WebSocket): Client {
  const provider = new WebsocketProvider(target.wsBase, room, doc, {
    WebSocketPolyfill: WebSocketClass as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  })
  return { doc, provider, text: () => bodyText(doc), content: () => readBodyText(doc) }
}

export const destroyClient = (client: Client) => {
  client.provider.destroy()
  client.doc.destroy()
}

/** Resolves when every client is synced, or rejects after the timeout. */
export function allSynced(clients: Client[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let waiting = clients.filter((c) => !c.provider.synced).length
    if (waiting === 0) return resolve()
    const timer = setTimeout(() => reject(new Error(`${waiting} of ${clients.length} clients not synced after ${timeoutMs} ms`)), timeoutMs)
    for (const client of clients) {
      if (client.provider.synced) continue
      const onSync = (synced: boolean) => {
        if (!synced) return
        client.provider.off('sync', onSync)
        if (--waiting === 0) {
          clearTimeout(timer)
          resolve()
        }
      }
      client.provider.on('sync', onSync)
    }
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls until the condition holds or the deadline passes; returns whether it held. */
async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (!condition()) {
    if (performance.now() > deadline) return false
    await sleep(5)
  }
  return true
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i])

/** Whether every client of each room holds the same document. */
function roomsConverged(rooms: Client[][]): boolean {
  return rooms.every((clients) => {
    const [first, ...rest] = clients
    const vector = Y.encodeStateVector(first!.doc)
    const content = first!.content()
    return rest.every((c) => c.content() === content && sameBytes(Y.encodeStateVector(c.doc), vector))
  })
}

export type Window = { begin(): void; end(): void }

/**
 * Runs one profile against one server. `window` is told when typing begins and when every edit
 * has been observed everywhere, so the caller can measure the server over exactly that span.
 */
export async function runTyping(targets: Target[], profile: Profile, window: Window): Promise<TypingResult> {
  const { rooms: roomCount, clientsPerRoom, insertsPerSecond, seconds } = profile
  const editsPerClient = Math.round(insertsPerSecond * seconds)
  const totalClients = roomCount * clientsPerRoom
  const latencies = new Float64Array(editsPerClient * totalClients * (clientsPerRoom - 1))
  const crossInstance = new Uint8Array(latencies.length)
  let deliveries = 0
  let lastObservedAt = 0
  let disconnects = 0

  /** Per writer (by Yjs client id): the clock after each of its edits, and when it was made. */
  const writers = new Map<number, { clockEnds: number[]; sentAt: number[]; instance: number }>()
  const connectStarted = performance.now()
  const rooms: Client[][] = []
  for (let r = 0; r < roomCount; r++) {
    const room = await targets[0]!.newRoom(`bench ${profile.name} ${r}`)
    const clients: Client[] = []
    for (let c = 0; c < clientsPerRoom; c++) {
      const instance = c % targets.length
      const client = connect(targets[instance]!, room)
      writers.set(client.doc.clientID, { clockEnds: [], sentAt: [], instance })
      // How far this client has seen each writer's edits: an index into that writer's list.
      const seen = new Map<number, number>()
      // A remote transaction advances the writers' clocks; every edit it completes is observed now.
      // (Cheaper than reading the text delta, which walks the whole text on every event.)
      client.doc.on('afterTransaction', (transaction: Y.Transaction) => {
        if (transaction.local) return
        const now = performance.now()
        for (const [writerId, after] of transaction.afterState) {
          if (after <= (transaction.beforeState.get(writerId) ?? 0)) continue
          const writer = writers.get(writerId)
          if (!writer) continue
          let index = seen.get(writerId) ?? 0
          for (; index < writer.clockEnds.length && writer.clockEnds[index]! <= after; index++) {
            if (deliveries < latencies.length) {
              latencies[deliveries] = now - writer.sentAt[index]!
              crossInstance[deliveries] = writer.instance === instance ? 0 : 1
            }
            deliveries++
          }
          seen.set(writerId, index)
          lastObservedAt = now
        }
      })
      client.provider.on('connection-close', () => disconnects++)
      clients.push(client)
    }
    rooms.push(clients)
  }
  const all = rooms.flat()
  try {
    await allSynced(all, 60_000)
    const connectMs = performance.now() - connectStarted
    disconnects = 0
    // Let the awareness greetings of the connect settle before the clock starts.
    await sleep(300)

    const loopDelay = monitorEventLoopDelay({ resolution: 10 })
    loopDelay.enable()
    const driverCpu = ownCpuWindow()
    window.begin()
    const intervalMs = 1000 / insertsPerSecond
    const started = performance.now()
    // Bounded in time too: a driver that falls behind types less rather than longer.
    const stopAt = started + seconds * 1000
    let nextId = 1
    const typing = all.map(
      (client, index) =>
        new Promise<void>((resolve) => {
          // Spread the clients evenly over one interval, within each room and across rooms, so the
          // load is steady, not in waves (and no room falls quiet between its clients' turns).
          const r = Math.floor(index / clientsPerRoom)
          const c = index % clientsPerRoom
          const phase = ((c + r / roomCount) / clientsPerRoom) * intervalMs
          let k = 0
          const writer = writers.get(client.doc.clientID)!
          let clock = 0
          const tick = () => {
            // A few characters: the edit's number in base 36 and a separator.
            const chunk = `${(nextId++).toString(36)} `
            writer.sentAt.push(performance.now())
            client.text().insert(client.text().length, chunk)
            // A string advances its writer's clock by its length; the client writes nothing else.
            writer.clockEnds.push((clock += chunk.length))
            if (++k >= editsPerClient || performance.now() >= stopAt) return resolve()
            setTimeout(tick, Math.max(0, started + phase + k * intervalMs - performance.now()))
          }
          setTimeout(tick, phase)
        }),
    )
    await Promise.all(typing)
    const typingSeconds = (performance.now() - started) / 1000
    const expectedDeliveries = (nextId - 1) * (clientsPerRoom - 1)
    await until(() => deliveries >= expectedDeliveries, 20_000)
    window.end()
    const driver = driverCpu.stop()
    loopDelay.disable()
    const converged = deliveries === expectedDeliveries && (await until(() => roomsConverged(rooms), 5_000))
    const deliverySeconds = Math.max(1e-9, (lastObservedAt - started) / 1000)
    return {
      latenciesMs: latencies.subarray(0, Math.min(deliveries, latencies.length)),
      crossInstance: crossInstance.subarray(0, Math.min(deliveries, latencies.length)),
      edits: nextId - 1,
      expectedDeliveries,
      deliveries,
      editsPerSecond: (nextId - 1) / typingSeconds,
      offeredEditsPerSecond: totalClients * insertsPerSecond,
      deliveriesPerSecond: deliveries / deliverySeconds,
      converged,
      disconnects,
      connectMs,
      driverCores: driver.cores,
      driverLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    }
  } finally {
    for (const client of all) destroyClient(client)
    // Give the servers a moment to see the closes before the next measurement starts.
    await sleep(300)
  }
}
