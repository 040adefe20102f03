// Sync answers of a room, cached by what the asking client has of the document: one cheap
// request repeated must not make the server re-encode the document each time.
import * as Y from 'yjs'
import { encodeSyncStep2OfUpdate, encodeUpdate } from './protocol'
import { splitUpdate } from './split-update'

/** The state vector restricted to clients the doc knows, clocks capped at the doc's: same answer, fewer keys. */
export function normaliseStateVector(claimed: Map<number, number>, own: Map<number, number>): Map<number, number> {
  const known = new Map<number, number>()
  for (const [client, clock] of claimed) {
    const ownClock = own.get(client)
    if (ownClock !== undefined && clock > 0) known.set(client, Math.min(clock, ownClock))
  }
  return known
}

/** Bounded: distinct state vectors beyond this evict the oldest. */
const maxCachedAnswers = 16

class SyncAnswerCache {
  private readonly answers = new Map<string, Uint8Array[]>()

  get(stateVector: Map<number, number>, encode: () => Uint8Array[]): Uint8Array[] {
    const key = [...stateVector].sort(([a], [b]) => a - b).join(';')
    let answer = this.answers.get(key)
    if (!answer) {
      answer = encode()
      if (this.answers.size >= maxCachedAnswers) this.answers.delete(this.answers.keys().next().value!)
      this.answers.set(key, answer)
    }
    return answer
  }

  clear(): void {
    this.answers.clear()
  }
}

/** What a room lends its answers: its state, its undecoded snapshot, and an encoder. */
export type AnswerSource = {
  /** The state vector of the stored state. */
  stateVector(): Uint8Array
  /** The stored snapshot while it is not yet decoded into the doc: the whole document as it is. */
  unappliedSnapshot(): Uint8Array | undefined
  /** The update a client with this state vector lacks (the room counts each encode). */
  encode(stateVector: Uint8Array): Uint8Array
  /** Answers larger than this go out as several bounded updates. */
  maxFrameBytes: number
}

export class SyncAnswers {
  /** The answer for a client that has nothing, while the doc is unchanged since it was encoded. */
  private whole: Uint8Array[] | undefined
  /** Answers to other state vectors (normalised to what the doc knows), until the doc changes. */
  private readonly cache = new SyncAnswerCache()

  constructor(private readonly source: AnswerSource) {}

  /** The frames answering a sync step 1; call only when nothing unstored is pending. */
  answer(stateVector: Uint8Array): Uint8Array[] {
    // Clients the doc does not know, and clocks beyond its own, change nothing in the answer: a
    // repeated request with a made-up state vector is answered from the cache, not re-encoded.
    const known = normaliseStateVector(Y.decodeStateVector(stateVector), Y.decodeStateVector(this.source.stateVector()))
    if (known.size === 0) {
      // The stored snapshot is the whole document already: sent as it is, not re-encoded.
      return (this.whole ??= this.frames(this.source.unappliedSnapshot() ?? this.source.encode(new Uint8Array([0]))))
    }
    return this.cache.get(known, () => this.frames(this.source.encode(Y.encodeStateVector(known))))
  }

  /** The document changed: every cached answer is stale. */
  invalidate(): void {
    this.whole = undefined
    this.cache.clear()
  }

  /** Sync step 2 of the update, or several updates with the last as sync step 2 (the client is synced after it). */
  private frames(update: Uint8Array): Uint8Array[] {
    const chunks = splitUpdate(update, this.source.maxFrameBytes)
    return chunks.map((chunk, i) => (i === chunks.length - 1 ? encodeSyncStep2OfUpdate(chunk) : encodeUpdate(chunk)))
  }
}
