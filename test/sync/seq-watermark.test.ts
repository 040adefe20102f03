// The applied watermark of a room: how far along the shared update log its document is, and whether a
// batch arrived beyond a gap that must be read back from the store.
import { describe, expect, it } from 'vitest'
import { SeqWatermark } from '../../server/sync/seq-watermark'

describe('the applied watermark of a room', () => {
  it('follows batches in log order, notes a batch beyond a gap, and closes the gap once the missing one is read', () => {
    const mark = new SeqWatermark(10)
    expect(mark.applied(10, 12)).toBe(true)
    expect(mark.value).toBe(12)
    // 13–15 were stored by someone whose message never came.
    expect(mark.applied(15, 17)).toBe(false)
    expect(mark.hasGap).toBe(true)
    expect(mark.value).toBe(12)
    expect(mark.covers(17)).toBe(true)
    mark.caughtUpTo(15)
    expect(mark.hasGap).toBe(false)
    expect(mark.value).toBe(17)
    // A batch already applied (arriving late) changes nothing.
    expect(mark.applied(11, 12)).toBe(true)
    expect(mark.value).toBe(17)
  })
})
