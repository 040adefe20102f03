// A room's side of the other instances: batches they stored arrive over the bus and are applied in
// log order; a batch that does not follow what the room has, or a lost bus, makes the room read the
// missed updates from the database first (Yjs updates are idempotent, so reading too much is harmless).
import type { Logger } from '../log'
import type { AppendResult, UpdateAuthor } from '../storage/doc-store'
import type { RoomLog } from './room-log'

/** A batch another instance stored, as it travels over the bus. */
export type RemoteBatch = { entries: { update: Uint8Array; author: UpdateAuthor }[]; appended: AppendResult }

/**
 * Why a room read its log back: a gap in the sequence, a bus subscription that (re)started, a poll while
 * the bus is lost, or a server read that must be current (signing, a record projection).
 */
export type CatchUpReason = 'gap' | 'reconnect' | 'offline' | 'read'

export type RemoteFollowerOptions = {
  log: Logger
  retryMs: number
  /** Applies the batch's updates to the doc and sends them to the room's own peers, without storing them. */
  apply(batch: RemoteBatch): void
  caughtUp?(reason: CatchUpReason, updates: number): void
}

export class RemoteFollower {
  /** Batches held back while the room catches up: none is served before what came before it. */
  private backlog: RemoteBatch[] = []
  /** Catch-ups in flight (a reconnect may come while a gap is being filled). */
  private catchingUp = 0
  private retryTimer: NodeJS.Timeout | undefined
  private destroyed = false

  constructor(
    private readonly roomName: string,
    private readonly updateLog: RoomLog,
    private readonly options: RemoteFollowerOptions,
  ) {}

  receive(batch: RemoteBatch): void {
    if (this.destroyed || this.updateLog.hasApplied(batch.appended.seq)) return
    if (this.catchingUp || !this.updateLog.follows(batch.appended)) {
      this.backlog.push(batch)
      if (!this.catchingUp) this.catchUp('gap').catch(() => undefined)
      return
    }
    this.options.apply(batch)
    this.updateLog.appliedRemote(batch.appended, batch.entries)
  }

  /** Reads everything the room has not applied from the database, then serves what was held back. */
  async catchUp(reason: CatchUpReason): Promise<void> {
    if (this.destroyed) return
    this.catchingUp++
    try {
      const updates = await this.updateLog.catchUp()
      this.options.caughtUp?.(reason, updates)
    } catch (error) {
      this.options.log.error('catching up from the database failed', { room: this.roomName, reason, error })
      // Held batches stay held; a later attempt brings them.
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = undefined
        this.catchUp(reason).catch(() => undefined)
      }, this.options.retryMs)
      throw error
    } finally {
      this.catchingUp--
    }
    if (this.catchingUp) return
    const held = this.backlog
    this.backlog = []
    for (const batch of held) this.receive(batch)
  }

  destroy(): void {
    this.destroyed = true
    clearTimeout(this.retryTimer)
    this.backlog = []
  }
}
