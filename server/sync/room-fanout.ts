// What a room does with a stored batch: tell the server's listeners (record sync), then send each
// update to every peer but its sender. Nothing reaches a peer before it is stored.
import type { Logger } from '../log'
import type { RoomMetrics } from '../metrics'
import type { AppendResult, UpdateAuthor } from '../storage/doc-store'
import type { Peer } from './peer'
import { encodeUpdate } from './protocol'
import type { LoggedUpdate } from './room-log'

/** Hears each stored batch: its updates, where it sits in the log, and each update's author. */
export type StoredListener = (updates: Uint8Array[], appended: AppendResult, authors: UpdateAuthor[]) => void

export class StoredFanOut {
  private readonly listeners: StoredListener[] = []

  constructor(
    private readonly roomName: string,
    private readonly log: Logger,
    private readonly metrics: RoomMetrics | undefined,
  ) {}

  /** Calls `listener` with every batch of updates once it is stored (before it is sent to the peers). */
  onStored(listener: StoredListener): void {
    this.listeners.push(listener)
  }

  /** Announces the stored batch, then sends each update to every peer but its sender. */
  stored(batch: LoggedUpdate[], appended: AppendResult, peers: Iterable<Peer>): void {
    const updates = batch.map((entry) => entry.update)
    const authors = batch.map((entry) => entry.author)
    for (const listener of this.listeners) {
      try {
        listener(updates, appended, authors)
      } catch (error) {
        this.log.error('a listener of stored updates failed', { room: this.roomName, error })
      }
    }
    for (const { update, origin, receivedAt } of batch) {
      const frame = encodeUpdate(update)
      for (const peer of peers) if (peer !== origin) peer.send(frame)
      this.metrics?.fannedOut((performance.now() - receivedAt) / 1000)
    }
    this.metrics?.updatesAccepted(batch.length)
  }
}
