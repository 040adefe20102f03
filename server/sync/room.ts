// One open document: its Y.Doc, its peers and their presence. Every update it accepts is stored
// through the DocStore before any other peer sees it.
import * as Y from 'yjs'
import type { Logger } from '../log'
import type { RoomMetrics } from '../metrics'
import type { DocStore, StoredDoc, UpdateAuthor } from '../storage/doc-store'
import type { MergedSnapshot } from '../storage/snapshot-merger'
import { ClientOwnership, ServerWrite } from './client-owners'
import { RemoteFollower, type CatchUpReason, type RemoteBatch } from './room-remote'
import { AnswerGate } from './answer-gate'
import type { Peer } from './peer'
import { UpdateAdmission } from './room-admission'
import { RoomDoc } from './room-doc'
import { RoomPresence } from './room-presence'
import { CloseCode, encodeSyncStep1OfStateVector, encodeUpdate, type ClientMessage } from './protocol'
import { RoomLog } from './room-log'
import type { UpdateGuard } from './update-guard'
import { SyncAnswers } from './sync-answers'
import { StoredFanOut, type StoredListener } from './room-fanout'
import { factsOfTransaction } from './update-facts'

export type RoomOptions = {
  store: DocStore
  /** The top-level types clients may write; an update touching another closes its sender. */
  writableRoots?: ReadonlySet<string>
  /** Checks every client update against the model before it is applied; a refusal closes its sender. */
  guard?: UpdateGuard
  metrics?: RoomMetrics
  log: Logger
  compactAfterUpdates: number
  /** Builds a snapshot from stored parts off the event loop (one worker for every room). */
  mergeSnapshot(parts: Uint8Array[]): Promise<MergedSnapshot>
  storeRetryMs: number
  /** Sync answers larger than this go out as several bounded updates; undefined: one frame. */
  maxSendFrameBytes?: number
}

/** The origin of updates another instance stored: applied and sent to the peers here, never stored again. */
class RemoteWrite {
  /** undefined: read back from the store, whose author this room does not learn. */
  constructor(readonly author: UpdateAuthor | undefined) {}
}

export class Room {
  /** The document, its stored snapshot decoded on first use. Never handed out: see snapshot() and transact(). */
  private readonly doc: RoomDoc
  private readonly ydoc: Y.Doc
  private readonly presence: RoomPresence
  private readonly peers = new Set<Peer>()
  /** Decides which client updates get in: checked, held, or refused. */
  private readonly admission: UpdateAdmission
  /** Accepted updates on their way to disk; nothing reaches a peer before it is stored there. */
  private readonly updateLog: RoomLog
  private readonly fanOut: StoredFanOut
  /** Answers to sync requests, cached until the document changes; large ones in bounded frames. */
  private readonly answers: SyncAnswers
  /** Which user owns each client id: stamped from sessions, checked on every client update. */
  private readonly owners: ClientOwnership
  /** What other instances stored: applied in log order, missed batches read back from the store. */
  private readonly remote: RemoteFollower
  /** Bytes of stored state plus every update since: an upper bound of the document's size. */
  approximateBytes = 0
  /** Client updates wait here while a sync answer waits for the store. */
  private readonly answerGate = new AnswerGate()

  constructor(
    readonly name: string,
    stored: StoredDoc,
    options: RoomOptions,
  ) {
    this.doc = new RoomDoc(stored)
    this.ydoc = this.doc.ydoc
    this.presence = new RoomPresence(this.ydoc)
    this.owners = new ClientOwnership(stored.owners)
    this.admission = new UpdateAdmission({
      writableRoots: options.writableRoots,
      guard: options.guard,
      metrics: options.metrics,
      owners: this.owners,
      liveDoc: () => this.doc.live(),
      isConnected: (peer) => this.peers.has(peer),
      storeError: () => this.storeError,
    })
    this.fanOut = new StoredFanOut(name, options.log, options.metrics)
    this.answers = new SyncAnswers({
      stateVector: () => this.doc.stateVector(),
      unappliedSnapshot: () => this.doc.unappliedSnapshot,
      encode: (stateVector) => {
        options.metrics?.syncAnswerEncoded()
        return Y.encodeStateAsUpdate(this.doc.live(), stateVector)
      },
      maxFrameBytes: options.maxSendFrameBytes ?? Infinity,
    })
    this.approximateBytes = stored.updates.reduce((sum, update) => sum + update.length, 0)
    // A snapshot plus a long tail is compacted at the next opportunity.
    this.updateLog = new RoomLog(name, stored.lastSeq, Math.max(0, stored.updates.length - 1), {
      ...options,
      onStored: (batch, appended) => {
        this.fanOut.stored(batch, appended, this.peers)
      },
      applyCaughtUp: (update) => Y.applyUpdate(this.doc.live(), update, new RemoteWrite(undefined)),
      onGap: () => this.catchUp('gap').catch(() => undefined),
      onStoreFailed: (batch) => {
        for (const { origin } of batch) {
          if (this.peers.has(origin as Peer)) (origin as Peer).close(CloseCode.storageUnavailable, 'storage unavailable, retrying')
        }
      },
      onCompacted: (bytes) => (this.approximateBytes = bytes),
    }, stored.logged)
    this.remote = new RemoteFollower(name, this.updateLog, {
      log: options.log,
      retryMs: options.storeRetryMs,
      apply: (batch) => {
        const doc = this.doc.live()
        for (const { update, author } of batch.entries) Y.applyUpdate(doc, update, new RemoteWrite(author))
      },
      caughtUp: (reason, updates) => options.metrics?.caughtUp(reason, updates),
    })
    this.ydoc.on('update', this.onDocUpdate)
  }

  /** A batch another instance stored: applied and sent to this room's peers, in log order. */
  receiveRemote(batch: RemoteBatch): void {
    this.remote.receive(batch)
  }

  /** Reads every stored update this room has not applied (another instance's) and serves it. */
  catchUp(reason: CatchUpReason): Promise<void> {
    return this.remote.catchUp(reason)
  }

  /** Presence of another instance's clients (stamped there), for this room's peers. */
  receiveRemotePresence(update: Uint8Array): void {
    this.presence.receiveRemote(update)
  }

  /** Calls `listener` with every presence change of this room's own peers, for the other instances. */
  onLocalPresence(listener: (update: Uint8Array) => void): void {
    this.presence.onLocalChange(listener)
  }

  /** A detached copy of the document as applied now, for reading; the caller destroys it. */
  snapshot(): Y.Doc {
    return this.doc.copy()
  }

  /**
   * A write of the server's own: `fn` runs synchronously on the live doc in one Yjs transaction, and the
   * change is stored and broadcast like any client's update, attributed to `author` (null: the server
   * itself). Resolves with fn's result once stored.
   */
  async transact<T>(fn: (doc: Y.Doc) => T, author: UpdateAuthor = null): Promise<T> {
    const doc = this.doc.live()
    let result!: T
    // Each acting user gets a client id of the server's: the items it writes name them, not a client.
    doc.clientID = this.owners.serverClientFor(author, doc)
    doc.transact(() => {
      result = fn(doc)
    }, new ServerWrite(author))
    await this.flush()
    return result
  }

  /** Calls `listener` with every batch of updates once it is stored (before it is sent to the peers). */
  onStored(listener: StoredListener): void {
    this.fanOut.onStored(listener)
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
    return [...this.peers]
  }

  /** Applied but not (yet) stored: pending, or in a store that has not answered. */
  get hasUnstoredUpdates(): boolean {
    return this.updateLog.hasUnstored
  }

  /** Updates (and their bytes) in the document's log since its last snapshot, as far as this room knows. */
  get logSize(): { length: number; bytes: number } {
    return this.updateLog.logSize
  }

  /** The last store failure, until a store succeeds again. */
  get storeError(): Error | undefined {
    return this.updateLog.storeError
  }

  join(peer: Peer): void {
    this.peers.add(peer)
    peer.send(encodeSyncStep1OfStateVector(this.doc.stateVector()))
    this.presence.join(peer)
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return
    this.admission.drop(peer)
    this.presence.leave(peer)
  }

  /** Handles one decoded message; resolves when any answer has been sent. */
  async receive(peer: Peer, message: ClientMessage): Promise<void> {
    if (!this.peers.has(peer)) return
    switch (message.type) {
      case 'sync-step-1': {
        // Answer only with stored state: a client must never see what a crash could still lose.
        // Client updates arriving meanwhile wait until the answer is encoded (see 'update'), so one
        // flush or two suffice; a room typed into without pause would otherwise starve the answer.
        let frames: Uint8Array[]
        this.answerGate.close()
        try {
          do {
            try {
              await this.flush()
            } catch {
              peer.close(CloseCode.storageUnavailable, 'storage unavailable, retrying')
              return
            }
            if (!this.peers.has(peer)) return
          } while (this.updateLog.hasPending)
          frames = this.answers.answer(message.stateVector)
        } finally {
          this.answerGate.open()
        }
        // Large answers go out in bounded frames, each once the client has read the one before.
        await peer.sendPaced(frames)
        return
      }
      case 'sync-step-2':
      case 'update': {
        const answering = this.answerGate.waitFor
        if (answering) {
          await answering
          if (!this.peers.has(peer)) return
        }
        this.admission.admit(peer, message.update, message.roots, message.decoded)
        return
      }
      case 'awareness':
        this.presence.receive(peer, message.entries)
        return
      case 'query-awareness':
        this.presence.answerQuery(peer)
        return
      default:
        assertNever(message)
    }
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
    // Decoding the stored snapshot changes nothing that is not stored already.
    if (this.doc.decodingSnapshot) return
    this.answers.invalidate()
    this.approximateBytes += update.length
    if (origin instanceof RemoteWrite) {
      // Stored by another instance already: only this room's peers still need it.
      if (origin.author !== undefined) this.owners.claim(factsOfTransaction(transaction), origin.author)
      const frame = encodeUpdate(update)
      for (const peer of this.peers) peer.send(frame)
      return
    }
    // Stamped here, from the session or the server's own write, never from anything the client sent.
    const author = this.owners.authorOf(origin)
    const facts = factsOfTransaction(transaction)
    this.owners.claim(facts, author)
    this.updateLog.add({ update, origin, receivedAt: performance.now(), author, facts })
  }

  /** Stores every pending update; each stored batch is announced, then sent to every peer but its sender. */
  flush(): Promise<void> {
    return this.updateLog.flush()
  }

  /** Folds the update log into one snapshot, if anything was logged since the last one. */
  compact(): Promise<void> {
    return this.updateLog.compact()
  }

  /** Closes every peer with the given code. */
  closePeers(code: number, reason: string): void {
    for (const peer of [...this.peers]) {
      this.leave(peer)
      peer.close(code, reason)
    }
  }

  /** Releases timers and memory. Call only once nothing is pending. */
  destroy(): void {
    this.remote.destroy()
    this.updateLog.destroy()
    this.ydoc.off('update', this.onDocUpdate)
    this.presence.destroy()
    this.ydoc.destroy()
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled message ${JSON.stringify(value)}`)
}
