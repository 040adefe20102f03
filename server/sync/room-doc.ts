// A room's Y.Doc with its stored snapshot decoded only on first use: a client that has nothing is
// answered from the snapshot's bytes at once; the doc is built when an update or a reconnecting client needs it.
import * as Y from 'yjs'
import type { StoredDoc } from '../storage/doc-store'

export class RoomDoc {
  /** The doc itself, for wiring its events; reading or writing it goes through live(). */
  readonly ydoc = new Y.Doc()
  /** A stored snapshot not yet decoded into the doc. */
  private undecoded: Uint8Array | undefined
  private stateVectorOfSnapshot: Uint8Array | undefined
  private decoding = false

  constructor(stored: Pick<StoredDoc, 'updates' | 'stateVector'>) {
    if (stored.updates.length === 1) {
      // One stored update (a snapshot, or a new document's first state) is the whole document already.
      this.undecoded = stored.updates[0]!
      this.stateVectorOfSnapshot = stored.stateVector
    } else {
      this.ydoc.transact(() => {
        for (const update of stored.updates) Y.applyUpdate(this.ydoc, update)
      })
    }
  }

  /** The stored snapshot while it is not decoded yet (a client with nothing gets these bytes as they are). */
  get unappliedSnapshot(): Uint8Array | undefined {
    return this.undecoded
  }

  /** Whether the doc's current update is the stored snapshot being decoded: nothing new, nothing to store. */
  get decodingSnapshot(): boolean {
    return this.decoding
  }

  /** The live doc, with everything stored decoded into it. */
  live(): Y.Doc {
    const snapshot = this.undecoded
    if (snapshot) {
      this.undecoded = undefined
      this.decoding = true
      try {
        Y.applyUpdate(this.ydoc, snapshot)
      } finally {
        this.decoding = false
      }
    }
    return this.ydoc
  }

  /** The state vector of the stored state, without decoding it into the doc if it is not yet. */
  stateVector(): Uint8Array {
    if (!this.undecoded) return Y.encodeStateVector(this.ydoc)
    return (this.stateVectorOfSnapshot ??= Y.encodeStateVectorFromUpdate(this.undecoded))
  }

  /** A detached copy of the document as applied now, for reading; the caller destroys it. */
  copy(): Y.Doc {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, this.undecoded ?? Y.encodeStateAsUpdate(this.ydoc))
    return copy
  }
}
