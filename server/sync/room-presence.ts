// A room's presence: who is here and where their cursor is. Each connection speaks only for the
// client ids it owns (server/sync/presence.ts admits what it says); every change goes to every peer.
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { Peer } from './peer'
import { admitPresence } from './presence'
import { encodeAwareness, encodeAwarenessEntries, type AwarenessEntry } from './protocol'

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] }

/** The origin of presence another instance sent. */
const remoteOrigin = Symbol('remote presence')

/** The client ids an awareness update speaks for, and whether it removes them (state null). */
function decodedClientIds(update: Uint8Array): { clientId: number; removed: boolean }[] {
  const decoder = decoding.createDecoder(update)
  const ids = []
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    const clientId = decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
    ids.push({ clientId, removed: decoding.readVarString(decoder) === 'null' })
  }
  return ids
}

export class RoomPresence {
  private readonly awareness: awarenessProtocol.Awareness
  /** The client ids each connected peer owns. */
  private readonly owned = new Map<Peer, Set<number>>()
  /** Client ids whose presence came from another instance: no peer here may speak for them. */
  private readonly remoteIds = new Set<number>()
  private readonly localListeners: ((update: Uint8Array) => void)[] = []

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
    if (ids && ids.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null)
      this.tellOthers(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...ids]))
    }
  }

  /** Calls `listener` with each presence change of this room's own peers (already stamped), for other instances. */
  onLocalChange(listener: (update: Uint8Array) => void): void {
    this.localListeners.push(listener)
  }

  /** Presence another instance admitted and stamped: shown to this room's peers as it came. */
  receiveRemote(update: Uint8Array): void {
    const ids = decodedClientIds(update)
    for (const { clientId, removed } of ids) {
      if (removed) this.remoteIds.delete(clientId)
      else this.remoteIds.add(clientId)
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, remoteOrigin)
  }

  /** What a peer says about presence, limited to the ids it owns and the fields the app uses. */
  receive(peer: Peer, entries: AwarenessEntry[]): void {
    const owned = this.owned.get(peer)
    if (!owned) return
    const ownedByAnother = (id: number) => this.remoteIds.has(id) || [...this.owned].some(([other, ids]) => other !== peer && ids.has(id))
    const admitted = admitPresence(entries, owned, ownedByAnother, peer.identity)
    if (admitted.length === 0) return
    const update = encodeAwarenessEntries(admitted)
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer)
    this.tellOthers(update)
  }

  private tellOthers(update: Uint8Array): void {
    for (const listener of this.localListeners) listener(update)
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
