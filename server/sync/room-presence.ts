// A room's presence: who is here and where their cursor is. Each connection speaks only for the
// client ids it owns (server/sync/presence.ts admits what it says); every change goes to every peer.
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { Peer } from './peer'
import { admitPresence } from './presence'
import { encodeAwareness, encodeAwarenessEntries, type AwarenessEntry } from './protocol'

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] }

export class RoomPresence {
  private readonly awareness: awarenessProtocol.Awareness
  /** The client ids each connected peer owns. */
  private readonly owned = new Map<Peer, Set<number>>()

  constructor(doc: Y.Doc) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server itself is nobody's colleague: no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.relay)
  }

  /** A new peer owns nothing yet and learns who is here. */
  join(peer: Peer): void {
    this.owned.set(peer, new Set())
    const states = [...this.awareness.getStates().keys()]
    if (states.length > 0) peer.send(encodeAwareness(this.awareness, states))
  }

  /** A peer that left takes its presence with it. */
  leave(peer: Peer): void {
    const ids = this.owned.get(peer)
    this.owned.delete(peer)
    if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null)
  }

  /** What a peer says about presence, limited to the ids it owns and the fields the app uses. */
  receive(peer: Peer, entries: AwarenessEntry[]): void {
    const owned = this.owned.get(peer)
    if (!owned) return
    const ownedByAnother = (id: number) => [...this.owned].some(([other, ids]) => other !== peer && ids.has(id))
    const admitted = admitPresence(entries, owned, ownedByAnother, peer.identity)
    if (admitted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(admitted), peer)
  }

  /** Everyone's presence, for a peer that asks. */
  answerQuery(peer: Peer): void {
    peer.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]))
  }

  destroy(): void {
    this.awareness.destroy()
  }

  private relay = ({ added, updated, removed }: AwarenessChange, origin: unknown): void => {
    const ids = this.owned.get(origin as Peer)
    if (ids) {
      for (const id of added) ids.add(id)
      for (const id of removed) ids.delete(id)
    }
    const frame = encodeAwareness(this.awareness, added.concat(updated, removed))
    for (const peer of this.owned.keys()) peer.send(frame)
  }
}
