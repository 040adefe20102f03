// One open document: its Y.Doc, its awareness and its peers. Every update it accepts is stored
// through the DocStore before any other peer sees it.
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { Logger } from '../log'
import type { RoomMetrics } from '../metrics'
import type { DocStore, StoredDoc } from '../storage/doc-store'
import type { Peer } from './peer'
import { admitPresence } from './presence'
import {
  CloseCode,
  encodeAwareness,
  encodeAwarenessEntries,
  encodePermissionDenied,
  encodeSyncStep1OfStateVector,
  encodeSyncStep2OfUpdate,
  encodeUpdate,
  type ClientMessage,
} from './protocol'
import { Serial } from './serial'
import type { UpdateGuard } from './update-guard'
import { HeldUpdates } from './held-updates'
import { normaliseStateVector, SyncAnswerCache } from './sync-answers'
import { splitUpdate } from './split-update'

export type RoomOptions = {
  store: DocStore
  /** The top-level types clients may write; an update touching another closes its sender. */
  writableRoots?: ReadonlySet<string>
  /** Checks every client update against the model before it is applied; a refusal closes its sender. */
  guard?: UpdateGuard
  metrics?: RoomMetrics
  log: Logger
  compactAfterUpdates: number
  storeRetryMs: number
  /** Sync answers larger than this go out as several bounded updates; undefined: one frame. */
  maxSendFrameBytes?: number
}

type PendingUpdate = { update: Uint8Array; origin: unknown; receivedAt: number }

export class Room {
  private readonly ydoc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc)
  /**
   * A stored snapshot not yet decoded into the doc. A client that has nothing is answered from its
   * bytes at once; the doc is built on the first use that needs it (an update, a reconnecting client).
   */
  private unappliedSnapshot: Uint8Array | undefined
  private stateVectorOfSnapshot: Uint8Array | undefined
  private applyingSnapshot = false
  private readonly peers = new Map<Peer, Set<number>>()
  private readonly toldReadOnly = new WeakSet<Peer>()
  private readonly held = new HeldUpdates<Peer>()
  private readonly storeJobs = new Serial()
  /** Accepted by the doc, not yet stored, hence not yet broadcast. */
  private pending: PendingUpdate[] = []
  private flushScheduled = false
  private storing = false
  private retryTimer: NodeJS.Timeout | undefined
  private lastSeq: number
  private updatesSinceCompaction: number
  private destroyed = false
  /** The last store failure, until a store succeeds again. */
  storeError: Error | undefined
  /**
   * The sync answer for a client that has nothing, while the doc is unchanged since it was loaded
   * or this was encoded: a large document is then neither re-encoded nor copied per fresh client.
   */
  private wholeStateAnswer: Uint8Array[] | undefined
  private readonly storedListeners: ((updates: Uint8Array[]) => void)[] = []
  /** Answers to other state vectors (normalised to what the doc knows), until the doc changes. */
  private readonly answerCache = new SyncAnswerCache()
  /** Bytes of stored state plus every update since: an upper bound of the document's size. */
  approximateBytes = 0

  constructor(
    readonly name: string,
    stored: StoredDoc,
    private readonly options: RoomOptions,
  ) {
    if (stored.updates.length === 1) {
      // One stored update (a snapshot, or a new document's first state) is the whole document already.
      this.unappliedSnapshot = stored.updates[0]!
      this.stateVectorOfSnapshot = stored.stateVector
    } else {
      this.ydoc.transact(() => {
        for (const update of stored.updates) Y.applyUpdate(this.ydoc, update)
      })
    }
    this.lastSeq = stored.lastSeq
    this.approximateBytes = stored.updates.reduce((sum, update) => sum + update.length, 0)
    // A snapshot plus a long tail is compacted at the next opportunity.
    this.updatesSinceCompaction = Math.max(0, stored.updates.length - 1)
    this.awareness.setLocalState(null)
    this.ydoc.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  /** The live doc, with everything stored decoded into it. Never handed out: see snapshot() and transact(). */
  private liveDoc(): Y.Doc {
    const snapshot = this.unappliedSnapshot
    if (snapshot) {
      this.unappliedSnapshot = undefined
      this.applyingSnapshot = true
      try {
        Y.applyUpdate(this.ydoc, snapshot)
      } finally {
        this.applyingSnapshot = false
      }
    }
    return this.ydoc
  }

  /** The state vector of the stored state, without decoding it into the doc if it is not yet. */
  private stateVector(): Uint8Array {
    if (!this.unappliedSnapshot) return Y.encodeStateVector(this.ydoc)
    return (this.stateVectorOfSnapshot ??= Y.encodeStateVectorFromUpdate(this.unappliedSnapshot))
  }

  /** A detached copy of the document as applied now, for reading; the caller destroys it. */
  snapshot(): Y.Doc {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, this.unappliedSnapshot ?? Y.encodeStateAsUpdate(this.ydoc))
    return copy
  }

  /**
   * A write of the server's own: `fn` runs synchronously on the live doc in one Yjs transaction, and the
   * change is stored and broadcast like any client's update. Resolves with fn's result once stored.
   */
  async transact<T>(fn: (doc: Y.Doc) => T): Promise<T> {
    const doc = this.liveDoc()
    let result!: T
    doc.transact(() => {
      result = fn(doc)
    }, this)
    await this.flush()
    return result
  }

  /** Calls `listener` with every batch of updates once it is stored (before it is sent to the peers). */
  onStored(listener: (updates: Uint8Array[]) => void): void {
    this.storedListeners.push(listener)
  }

  /** Calls `listener` when the room is destroyed (unloaded). */
  onDestroy(listener: () => void): void {
    this.ydoc.on('destroy', listener)
  }

  get peerCount(): number {
    return this.peers.size
  }

  /** The connected peers (a copy: closing one while iterating is safe). */
  connectedPeers(): Peer[] {
    return [...this.peers.keys()]
  }

  /** Applied but not (yet) stored: pending, or in a store that has not answered. */
  get hasUnstoredUpdates(): boolean {
    return this.pending.length > 0 || this.storing
  }

  join(peer: Peer): void {
    this.peers.set(peer, new Set())
    peer.send(encodeSyncStep1OfStateVector(this.stateVector()))
    const states = [...this.awareness.getStates().keys()]
    if (states.length > 0) peer.send(encodeAwareness(this.awareness, states))
  }

  leave(peer: Peer): void {
    const controlled = this.peers.get(peer)
    if (!controlled) return
    this.peers.delete(peer)
    this.held.drop(peer)
    if (controlled.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null)
  }

  /** Handles one decoded message; resolves when any answer has been sent. */
  async receive(peer: Peer, message: ClientMessage): Promise<void> {
    if (!this.peers.has(peer)) return
    switch (message.type) {
      case 'sync-step-1':
        // Answer only with stored state: a client must never see what a crash could still lose.
        // Another connection's update may land while we wait, so check again after every flush.
        do {
          try {
            await this.flush()
          } catch {
            peer.close(CloseCode.storageUnavailable, 'storage unavailable, retrying')
            return
          }
          if (!this.peers.has(peer)) return
        } while (this.pending.length > 0)
        // Large answers go out in bounded frames, each once the client has read the one before.
        await peer.sendPaced(this.syncAnswer(message.stateVector))
        return
      case 'sync-step-2':
      case 'update':
        this.applyClientUpdate(peer, message.update, message.roots)
        return
      case 'awareness': {
        // A connection speaks only for the client ids it owns, with the fields the app uses.
        const owned = this.peers.get(peer)!
        const ownedByAnother = (id: number) => [...this.peers].some(([other, ids]) => other !== peer && ids.has(id))
        const admitted = admitPresence(message.entries, owned, ownedByAnother, peer.identity)
        if (admitted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(admitted), peer)
        return
      }
      case 'query-awareness':
        peer.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]))
        return
      default:
        assertNever(message)
    }
  }

  /** What the client with this state vector lacks; call only when nothing unstored is pending. */
  private syncAnswer(stateVector: Uint8Array): Uint8Array[] {
    // Clients the doc does not know, and clocks beyond its own, change nothing in the answer: a
    // repeated request with a made-up state vector is answered from the cache, not re-encoded.
    const known = normaliseStateVector(Y.decodeStateVector(stateVector), Y.decodeStateVector(this.stateVector()))
    if (known.size === 0) {
      // The stored snapshot is the whole document already: sent as it is, not re-encoded.
      return (this.wholeStateAnswer ??= this.answerFrames(this.unappliedSnapshot ?? this.encodeAnswer(new Uint8Array([0]))))
    }
    return this.answerCache.get(known, () => this.answerFrames(this.encodeAnswer(Y.encodeStateVector(known))))
  }

  private encodeAnswer(stateVector: Uint8Array): Uint8Array {
    this.options.metrics?.syncAnswerEncoded()
    return Y.encodeStateAsUpdate(this.liveDoc(), stateVector)
  }

  /** Sync step 2 of the update, or several updates with the last as sync step 2 (the client is synced after it). */
  private answerFrames(update: Uint8Array): Uint8Array[] {
    const chunks = splitUpdate(update, this.options.maxSendFrameBytes ?? Infinity)
    return chunks.map((chunk, i) => (i === chunks.length - 1 ? encodeSyncStep2OfUpdate(chunk) : encodeUpdate(chunk)))
  }

  private applyClientUpdate(peer: Peer, update: Uint8Array, roots: Set<string>): void {
    // A client's answer to our sync request is usually empty: nothing to apply, no reason to decode a snapshot.
    if (isEmptyUpdate(update)) return
    if (!peer.canWrite) {
      if (update.length > 2) this.options.metrics?.updateRefused('read-only')
      if (update.length > 2 && !this.toldReadOnly.has(peer)) {
        this.toldReadOnly.add(peer)
        peer.send(encodePermissionDenied('read-only: your changes are not saved'))
      }
      return
    }
    const { writableRoots } = this.options
    for (const root of roots) {
      if (writableRoots && !writableRoots.has(root)) {
        this.options.metrics?.updateRefused('forbidden-type')
        peer.close(CloseCode.forbidden, `clients may not write "${root.slice(0, 40)}"`)
        return
      }
    }
    const refusal = this.options.guard?.(this.liveDoc(), update)
    if (refusal?.waitsForEarlierChanges && this.held.hold(peer, update)) return
    if (refusal) {
      this.options.metrics?.updateRefused(refusal.metric)
      peer.close(refusal.code, refusal.reason)
      return
    }
    if (this.storeError) {
      this.options.metrics?.updateRefused('storage-unavailable')
      // Refuse rather than acknowledge what cannot be stored; the client keeps its edits.
      peer.close(CloseCode.storageUnavailable, 'storage unavailable, retrying')
      return
    }
    Y.applyUpdate(this.liveDoc(), update, peer)
    // What this peer sent too early may be complete now.
    for (const held of this.held.take(peer)) if (this.peers.has(peer)) this.applyClientUpdate(peer, held, noRoots)
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // Decoding the stored snapshot changes nothing that is not stored already.
    if (this.applyingSnapshot) return
    this.wholeStateAnswer = undefined
    this.answerCache.clear()
    this.approximateBytes += update.length
    this.pending.push({ update, origin, receivedAt: performance.now() })
    if (!this.flushScheduled) {
      this.flushScheduled = true
      // Updates that arrive in the same turn of the event loop are stored in one transaction.
      setImmediate(() => {
        this.flushScheduled = false
        this.flush().catch(() => undefined)
      })
    }
  }

  /** Stores every pending update, tells the stored-listeners, then sends each to every peer but its sender. */
  flush(): Promise<void> {
    return this.storeJobs.run(async () => {
      const batch = await this.sequenceAndStore()
      if (!batch) return
      this.emitStored(batch)
      this.fanOut(batch)
      if (this.updatesSinceCompaction >= this.options.compactAfterUpdates) {
        // A failed compaction loses nothing (the log keeps every update); it is logged and retried.
        await this.compactNow().catch(() => undefined)
      }
    })
  }

  /** Takes the pending updates in order and appends them to the store; undefined when there were none. */
  private async sequenceAndStore(): Promise<PendingUpdate[] | undefined> {
    if (this.pending.length === 0 || this.destroyed) return undefined
    const batch = this.pending
    this.pending = []
    const storeStarted = performance.now()
    this.storing = true
    try {
      this.lastSeq = await this.options.store.append(
        this.name,
        batch.map((entry) => entry.update),
      )
      this.options.metrics?.stored((performance.now() - storeStarted) / 1000)
    } catch (error) {
      this.pending = batch.concat(this.pending)
      this.storeFailed(error, batch)
      throw this.storeError
    } finally {
      this.storing = false
    }
    this.storeSucceeded()
    this.updatesSinceCompaction += batch.length
    return batch
  }

  private emitStored(batch: PendingUpdate[]): void {
    const updates = batch.map((entry) => entry.update)
    for (const listener of this.storedListeners) {
      try {
        listener(updates)
      } catch (error) {
        this.options.log.error('a listener of stored updates failed', { room: this.name, error })
      }
    }
  }

  /** Sends each stored update to every peer but its sender. */
  private fanOut(batch: PendingUpdate[]): void {
    const { metrics } = this.options
    for (const { update, origin, receivedAt } of batch) {
      const frame = encodeUpdate(update)
      for (const peer of this.peers.keys()) if (peer !== origin) peer.send(frame)
      metrics?.fannedOut((performance.now() - receivedAt) / 1000)
    }
    metrics?.updatesAccepted(batch.length)
  }

  /** Folds the update log into one snapshot, if anything was logged since the last one. */
  compact(): Promise<void> {
    return this.storeJobs.run(() => this.compactNow())
  }

  private async compactNow(): Promise<void> {
    if (this.updatesSinceCompaction === 0 || this.pending.length > 0) return
    const upToSeq = this.lastSeq
    const doc = this.liveDoc()
    const state = Y.encodeStateAsUpdate(doc)
    try {
      await this.options.store.compact(this.name, state, Y.encodeStateVector(doc), upToSeq)
    } catch (error) {
      // The log still holds every update, so nothing is lost; the next compaction tries again.
      this.options.log.error('compaction failed', { room: this.name, error })
      throw error
    }
    this.updatesSinceCompaction = 0
    this.approximateBytes = state.length
  }

  private storeFailed(error: unknown, batch: PendingUpdate[]): void {
    const firstFailure = !this.storeError
    this.storeError = error instanceof Error ? error : new Error(String(error))
    if (firstFailure) this.options.log.error('storing updates failed', { room: this.name, error: this.storeError })
    for (const { origin } of batch) {
      if (this.peers.has(origin as Peer)) {
        ;(origin as Peer).close(CloseCode.storageUnavailable, 'storage unavailable, retrying')
      }
    }
    if (!this.retryTimer && !this.destroyed) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined
        this.flush().catch(() => undefined)
      }, this.options.storeRetryMs)
    }
  }

  private storeSucceeded(): void {
    if (!this.storeError) return
    this.options.log.info('storing updates works again', { room: this.name })
    this.storeError = undefined
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const controlled = this.peers.get(origin as Peer)
    if (controlled) {
      for (const id of added) controlled.add(id)
      for (const id of removed) controlled.delete(id)
    }
    const changed = added.concat(updated, removed)
    const frame = encodeAwareness(this.awareness, changed)
    for (const peer of this.peers.keys()) peer.send(frame)
  }

  /** Closes every peer with the given code. */
  closePeers(code: number, reason: string): void {
    for (const peer of [...this.peers.keys()]) {
      this.leave(peer)
      peer.close(code, reason)
    }
  }

  /** Releases timers and memory. Call only once nothing is pending. */
  destroy(): void {
    this.destroyed = true
    clearTimeout(this.retryTimer)
    this.retryTimer = undefined
    this.ydoc.off('update', this.onDocUpdate)
    this.awareness.destroy()
    this.ydoc.destroy()
  }
}

/** Held updates passed the root check when they arrived. */
const noRoots: Set<string> = new Set()

/** Yjs encodes "no structs, no deletions" as two zero bytes. */
const isEmptyUpdate = (update: Uint8Array) => update.length === 2 && update[0] === 0 && update[1] === 0

function assertNever(value: never): never {
  throw new Error(`unhandled message ${JSON.stringify(value)}`)
}
