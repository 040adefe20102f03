// What a room does with a stored batch: tell the server's listeners (record sync), then send each
// update to every peer but its sender. Nothing reaches a peer before it is stored.
import type { Logger } from '../log'
import type { RoomMetrics } from '../metrics'
import type { Peer } from './peer'
import { encodeUpdate } from './protocol'
import type { LoggedUpdate } from './room-log'

export class StoredFanOut {
  private readonly listeners: ((updates: Uint8Array[]) => void)[] = []

  constructor(
    private readonly roomName: string,
    private readonly log: Logger,
    private readonly metrics: RoomMetrics | undefined,
  ) {}

  /** Calls `listener` with every batch of updates once it is stored (before it is sent to the peers). */
  onStored(listener: (updates: Uint8Array[]) => void): void {
    this.listeners.push(listener)
  }

  /** Announces the stored batch, then sends each update to every peer but its sender. */
  stored(batch: LoggedUpdate[], peers: Iterable<Peer>): void {
    const updates = batch.map((entry) => entry.update)
    for (const listener of this.listeners) {
      try {
        listener(updates)
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
