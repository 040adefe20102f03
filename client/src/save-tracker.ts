// Knows whether the server has stored every local edit. y-websocket has no acknowledgements, but our
// server answers a sync step 1 only after storing everything it received before it: so after local
// edits we send one, and its answer (a step 2) confirms them.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { createSignal, type Accessor } from 'solid-js'
import * as syncProtocol from 'y-protocols/sync'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MessageType } from '../../shared/sync-protocol'

/** Batches a burst of keystrokes into one question. */
const probeDelayMs = 150
/** The server closes a connection that asks more than 2 times a second (SYNC_REQUESTS_PER_SECOND): a quick typist who pauses at every word would. */
const minProbeGapMs = 600

export type SaveTracker = {
  /** Local edits the server has not confirmed yet (kept in memory until it does). */
  pending: Accessor<boolean>
  /** The doc holds edits from an earlier visit that the server may lack: treat them as a fresh local edit. */
  markUnsent(): void
  destroy(): void
}

export type SaveTrackerOptions = {
  /** Origins of updates that are not new local edits (e.g. the stored copy being loaded). */
  ignoreOrigins?: unknown[]
  onPendingChange?(pending: boolean): void
}

/** Whether the doc has items the server's state vector (from its sync step 1) does not cover. */
function hasItemsBeyond(doc: Y.Doc, serverStateVector: Uint8Array): boolean {
  const server = Y.decodeStateVector(serverStateVector)
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
    if (clock > (server.get(client) ?? 0)) return true
  }
  return false
}

export function trackSaves(provider: WebsocketProvider, options: SaveTrackerOptions = {}): SaveTracker {
  const doc = provider.doc
  const ignored = new Set<unknown>([provider, ...(options.ignoreOrigins ?? [])])
  let localVersion = 0
  let savedVersion = 0
  /** The local version a sent probe will confirm. */
  let inFlight: number | undefined
  /** The first step 2 of a connection answers the provider's own step 1, not a probe. */
  let awaitingOpenAnswer = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastProbeAt = -Infinity
  const [pending, setPending] = createSignal(false)
  const update = () => {
    const now = localVersion > savedVersion
    if (now !== pending()) options.onPendingChange?.(now)
    setPending(now)
  }

  const probe = () => {
    clearTimeout(timer)
    const ws = provider.ws
    if (inFlight !== undefined || awaitingOpenAnswer || !provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return
    if (localVersion === savedVersion) return
    const wait = lastProbeAt + minProbeGapMs - performance.now()
    if (wait > 0) {
      timer = setTimeout(probe, wait)
      return
    }
    lastProbeAt = performance.now()
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    syncProtocol.writeSyncStep1(encoder, doc)
    inFlight = localVersion
    ws.send(encoding.toUint8Array(encoder))
  }
  const scheduleProbe = () => {
    clearTimeout(timer)
    timer = setTimeout(probe, probeDelayMs)
  }

  const onStep2 = () => {
    if (awaitingOpenAnswer) {
      awaitingOpenAnswer = false
    } else if (inFlight !== undefined) {
      savedVersion = Math.max(savedVersion, inFlight)
      inFlight = undefined
      update()
    }
    // Offline edits went out as the answer to the server's step 1, before this: ask about them now.
    if (localVersion > savedVersion) probe()
  }

  const original = provider.messageHandlers[MessageType.sync]!
  provider.messageHandlers[MessageType.sync] = (encoder, decoder, p, emitSynced, messageType) => {
    const start = decoder.pos
    const syncType = decoding.readVarUint(decoder)
    const serverStateVector = syncType === syncProtocol.messageYjsSyncStep1 ? decoding.readVarUint8Array(decoder) : undefined
    decoder.pos = start
    original(encoder, decoder, p, emitSynced, messageType)
    if (syncType === syncProtocol.messageYjsSyncStep2) onStep2()
    // Our answer carries what the server lacks; if that includes edits from an earlier visit, they are unsent.
    else if (serverStateVector && hasItemsBeyond(doc, serverStateVector)) markUnsent()
  }

  const markUnsent = () => {
    localVersion++
    update()
    scheduleProbe()
  }
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    // The provider applies what the server sends with itself as origin; everything else is ours.
    if (ignored.has(origin)) return
    markUnsent()
  }
  const onStatus = ({ status }: { status: string }) => {
    inFlight = undefined
    awaitingOpenAnswer = status === 'connected'
  }
  const onClose = () => {
    inFlight = undefined
    awaitingOpenAnswer = false
  }
  doc.on('update', onUpdate)
  provider.on('status', onStatus)
  provider.on('connection-close', onClose)

  return {
    pending,
    markUnsent,
    destroy() {
      clearTimeout(timer)
      doc.off('update', onUpdate)
      provider.off('status', onStatus)
      provider.off('connection-close', onClose)
      provider.messageHandlers[MessageType.sync] = original
    },
  }
}
