// A room's way to disk: updates the room accepted wait here until they are appended to the store
// (one transaction per event-loop turn), are handed back to the room to announce and fan out, and
// are folded into a snapshot now and then. A failed store keeps them and retries.
import type { Logger } from '../log'
import type { RoomMetrics } from '../metrics'
import type { AppendResult, DocStore, UpdateAuthor, UpdateFacts } from '../storage/doc-store'
import type { MergedSnapshot } from '../storage/snapshot-merger'
import { LoggedTally, bytesOf } from './logged-tally'
import { SeqWatermark } from './seq-watermark'
import { Serial } from './serial'

/** An accepted update with its sender (a peer, or a write of the server's own) and what it changed, by whom. */
export type LoggedUpdate = { update: Uint8Array; origin: unknown; receivedAt: number; author: UpdateAuthor; facts: UpdateFacts }

export type RoomLogOptions = {
  store: DocStore
  log: Logger
  metrics?: RoomMetrics
  compactAfterUpdates: number
  storeRetryMs: number
  /** Builds a snapshot from stored parts off the event loop (storage/snapshot-merger.ts). */
  mergeSnapshot(parts: Uint8Array[]): Promise<MergedSnapshot>
  /** A batch is on disk at `appended`: the room announces it and sends it to its peers. */
  onStored(batch: LoggedUpdate[], appended: AppendResult): void
  /** Applies an update read back from the store (another instance's, missed over the bus). */
  applyCaughtUp(update: Uint8Array): void
  /** The store holds updates of this document the room has not applied: it should catch up. */
  onGap(): void
  /** Storing a batch failed: the room closes its senders (they resend later). */
  onStoreFailed(batch: LoggedUpdate[]): void
  /** A snapshot of this many bytes replaced the log. */
  onCompacted(bytes: number): void
}

export class RoomLog {
  private readonly jobs = new Serial()
  /** Accepted by the doc, not yet stored, hence not yet broadcast. */
  private pending: LoggedUpdate[] = []
  private flushScheduled = false
  private storing = false
  private retryTimer: NodeJS.Timeout | undefined
  private destroyed = false
  /** The compaction running now, if any: at most one per room, beside its appends. */
  private compacting: Promise<void> | undefined
  /** The last store failure, until a store succeeds again. */
  storeError: Error | undefined
  /** Up to where the document's log is applied here: compaction folds only that far. */
  private readonly applied: SeqWatermark
  /** The log since the last snapshot as this room knows it, per batch: the metrics read it, never the database. */
  private readonly logged = new LoggedTally()

  constructor(
    private readonly name: string,
    lastSeq: number,
    private updatesSinceCompaction: number,
    private readonly options: RoomLogOptions,
    loggedSinceSnapshot: { length: number; bytes: number } = { length: 0, bytes: 0 },
  ) {
    this.applied = new SeqWatermark(lastSeq)
    this.logged.add(lastSeq, loggedSinceSnapshot.length, loggedSinceSnapshot.bytes)
  }

  /** Updates (and their bytes) in the document's log since its last snapshot, as far as this room knows. */
  get logSize(): { length: number; bytes: number } {
    return { length: this.logged.length, bytes: this.logged.bytes }
  }

  /** The highest sequence number up to which every stored update of the document is applied here. */
  get appliedSeq(): number {
    return this.applied.value
  }

  /**
   * Notes a batch another instance stored and the room applied from the bus; false when it does not
   * follow what the room has (something was missed: catch up before serving more of it).
   */
  appliedRemote(appended: AppendResult, updates: readonly { update: Uint8Array }[]): boolean {
    this.logged.add(appended.seq, updates.length, bytesOf(updates))
    return this.applied.applied(appended.prevSeq, appended.seq)
  }

  /** Whether a remote batch connects to what the room has applied (nothing missed before it). */
  follows(appended: AppendResult): boolean {
    return appended.prevSeq <= this.applied.value
  }

  /** Whether a remote batch ending at `seq` is already applied here. */
  hasApplied(seq: number): boolean {
    return this.applied.covers(seq)
  }

  /** Reads every stored update beyond the mark and applies it; serialised with stores. Resolves with how many. */
  catchUp(): Promise<number> {
    return this.jobs.run(async () => {
      if (this.destroyed) return 0
      const rows = await this.options.store.loadSince(this.name, this.applied.value)
      for (const { update } of rows) this.options.applyCaughtUp(update)
      const last = rows.at(-1)
      if (last) this.logged.add(last.seq, rows.length, bytesOf(rows))
      if (last) this.applied.caughtUpTo(last.seq)
      return rows.length
    })
  }

  /** Waiting to be stored (not counting a store in flight). */
  get hasPending(): boolean {
    return this.pending.length > 0
  }

  /** Accepted but not (yet) stored: pending, or in a store that has not answered. */
  get hasUnstored(): boolean {
    return this.pending.length > 0 || this.storing
  }

  /** Queues an accepted update; updates of one event-loop turn are stored in one transaction. */
  add(entry: LoggedUpdate): void {
    this.pending.push(entry)
    if (this.flushScheduled) return
    this.flushScheduled = true
    setImmediate(() => {
      this.flushScheduled = false
      this.flush().catch(() => undefined)
    })
  }

  /** Stores every pending update, then hands the batch to the room; compacts when due. */
  flush(): Promise<void> {
    return this.jobs.run(async () => {
      const stored = await this.sequenceAndStore()
      if (!stored) return
      this.options.onStored(stored.batch, stored.appended)
      // Another instance appended in between and its batch has not reached us: read it from the store.
      if (!this.applied.applied(stored.appended.prevSeq, stored.appended.seq)) this.options.onGap()
      this.compactWhenDue()
    })
  }

  /**
   * Starts a compaction once enough was stored, and another when as much was stored while it ran. Not
   * awaited: appends go on while the snapshot is built. A failed one loses nothing (the log keeps every
   * update); it is logged, and the next store tries again.
   */
  private compactWhenDue(): void {
    if (this.destroyed || this.compacting || this.updatesSinceCompaction < this.options.compactAfterUpdates) return
    this.compactOnce().then(
      () => this.compactWhenDue(),
      () => undefined,
    )
  }

  /** Folds the update log into one snapshot, if anything was logged since the last one; after one already running. */
  async compact(): Promise<void> {
    await this.compacting?.catch(() => undefined)
    return this.compactOnce()
  }

  destroy(): void {
    this.destroyed = true
    clearTimeout(this.retryTimer)
    this.retryTimer = undefined
  }

  /** Takes the pending updates in order and appends them to the store; undefined when there were none. */
  private async sequenceAndStore(): Promise<{ batch: LoggedUpdate[]; appended: AppendResult } | undefined> {
    if (this.pending.length === 0 || this.destroyed) return undefined
    const batch = this.pending
    this.pending = []
    const storeStarted = performance.now()
    this.storing = true
    let appended: AppendResult
    try {
      appended = await this.options.store.append(
        this.name,
        batch.map(({ update, author, facts }) => ({ update, author, facts })),
      )
      this.options.metrics?.stored((performance.now() - storeStarted) / 1000)
    } catch (error) {
      this.pending = batch.concat(this.pending)
      this.storeFailed(error, batch)
      throw this.storeError
    } finally {
      this.storing = false
    }
    if (this.storeError) {
      this.options.log.info('storing updates works again', { room: this.name })
      this.storeError = undefined
    }
    this.updatesSinceCompaction += batch.length
    this.logged.add(appended.seq, batch.length, bytesOf(batch))
    return { batch, appended }
  }

  /** Starts a compaction, or joins the one running. */
  private compactOnce(): Promise<void> {
    this.compacting ??= this.compactNow().finally(() => (this.compacting = undefined))
    return this.compacting
  }

  /**
   * Folds the stored snapshot and log up to what is applied here into a new snapshot: read from the store,
   * merged in a worker thread, written back. The live doc is not touched, so the event loop only moves bytes.
   */
  private async compactNow(): Promise<void> {
    if (this.updatesSinceCompaction === 0) return
    // Only rows this room has applied are folded: rows another instance stored beyond that stay in the log.
    const upToSeq = this.applied.value
    const folding = this.updatesSinceCompaction
    // Updates stored while this compaction runs count towards the next one.
    this.updatesSinceCompaction = 0
    try {
      const parts = await this.options.store.loadForCompaction(this.name, upToSeq)
      if (!parts) return
      const { state, stateVector } = await this.options.mergeSnapshot(parts)
      // False: another instance's compaction ran; it folds up to its own mark, which this room does not learn.
      if (await this.options.store.compact(this.name, state, stateVector, upToSeq)) this.logged.foldedUpTo(upToSeq)
      this.options.onCompacted(state.length)
    } catch (error) {
      this.updatesSinceCompaction += folding
      // The log still holds every update, so nothing is lost; the next compaction tries again.
      this.options.log.error('compaction failed', { room: this.name, error })
      throw error
    }
  }

  private storeFailed(error: unknown, batch: LoggedUpdate[]): void {
    const firstFailure = !this.storeError
    this.storeError = error instanceof Error ? error : new Error(String(error))
    if (firstFailure) this.options.log.error('storing updates failed', { room: this.name, error: this.storeError })
    this.options.onStoreFailed(batch)
    if (!this.retryTimer && !this.destroyed) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined
        this.flush().catch(() => undefined)
      }, this.options.storeRetryMs)
    }
  }
}

