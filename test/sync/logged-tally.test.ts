// A room's count of its document's log beyond the snapshot (what /metrics reports): batches are
// added as they are stored or caught up, and a compaction drops exactly the ones up to its seq.
import { describe, expect, it } from 'vitest'
import { LoggedTally } from '../../server/sync/logged-tally'

describe('the logged tally', () => {
  it('adds batches and drops those a compaction folded, also a caught-up batch behind a newer one', () => {
    const tally = new LoggedTally()
    tally.add(10, 3, 300)
    tally.add(0, 0, 0)
    tally.add(14, 1, 40)
    // Caught up after a gap: another instance's rows, older than the last local batch.
    tally.add(12, 2, 20)
    tally.add(20, 5, 500)
    expect([tally.length, tally.bytes]).toEqual([11, 860])
    tally.foldedUpTo(14)
    expect([tally.length, tally.bytes]).toEqual([5, 500])
    tally.foldedUpTo(19)
    expect([tally.length, tally.bytes]).toEqual([5, 500])
    tally.foldedUpTo(20)
    expect([tally.length, tally.bytes]).toEqual([0, 0])
  })
})
