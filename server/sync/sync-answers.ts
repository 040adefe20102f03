// Sync answers of a room, cached by what the asking client has of the document: one cheap
// request repeated must not make the server re-encode the document each time.

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

export class SyncAnswerCache {
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
