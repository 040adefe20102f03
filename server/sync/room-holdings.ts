// Which rooms each user has connections to, counted per connection: the basis of the per-user
// room limit and of fair eviction when every room in memory is in use.
import type { Peer } from './peer'

export class RoomHoldings {
  /** userId → room name → connections of that user to it. */
  private readonly byUser = new Map<string, Map<string, number>>()
  /** Each connection is counted once, whether it leaves by closing or by eviction. */
  private readonly counted = new WeakMap<Peer, string>()

  add(peer: Peer, room: string): void {
    if (this.counted.has(peer)) return
    this.counted.set(peer, room)
    const rooms = this.byUser.get(peer.userId) ?? new Map<string, number>()
    rooms.set(room, (rooms.get(room) ?? 0) + 1)
    this.byUser.set(peer.userId, rooms)
  }

  remove(peer: Peer, room: string): void {
    if (this.counted.get(peer) !== room) return
    this.counted.delete(peer)
    const rooms = this.byUser.get(peer.userId)
    const count = rooms?.get(room) ?? 0
    if (!rooms || count === 0) return
    if (count > 1) rooms.set(room, count - 1)
    else rooms.delete(room)
    if (rooms.size === 0) this.byUser.delete(peer.userId)
  }

  roomsOf(userId: string): ReadonlySet<string> {
    return new Set(this.byUser.get(userId)?.keys() ?? [])
  }

  /** Rooms per user if the capacity were shared evenly by every user holding one (and the requester). */
  fairShare(capacity: number, requester: string | undefined): number {
    const users = new Set(this.byUser.keys())
    if (requester !== undefined) users.add(requester)
    return Math.max(1, Math.floor(capacity / Math.max(1, users.size)))
  }
}
