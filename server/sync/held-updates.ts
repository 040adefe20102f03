// Updates that build on changes their sender has not sent yet — typed right after a reconnect, before
// its sync answer arrived. They are held per peer (bounded), and checked again once that peer's
// next update is applied, so nothing reaches the doc unchecked and a reconnecting editor is not closed.

export const maxHeldUpdates = 200
export const maxHeldBytes = 8 * 1024 * 1024

export class HeldUpdates<P> {
  private readonly held = new Map<P, { updates: Uint8Array[]; bytes: number }>()

  /** Holds the update; false when the peer already holds too much (it is then refused). */
  hold(peer: P, update: Uint8Array): boolean {
    const entry = this.held.get(peer) ?? { updates: [], bytes: 0 }
    if (entry.updates.length >= maxHeldUpdates || entry.bytes + update.length > maxHeldBytes) return false
    entry.updates.push(update)
    entry.bytes += update.length
    this.held.set(peer, entry)
    return true
  }

  /** Removes and returns what the peer holds, oldest first. */
  take(peer: P): Uint8Array[] {
    const entry = this.held.get(peer)
    this.held.delete(peer)
    return entry?.updates ?? []
  }

  drop(peer: P): void {
    this.held.delete(peer)
  }
}
