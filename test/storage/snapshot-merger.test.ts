// The snapshot worker turns stored parts into one update that is the same document, with deleted
// content collected as the live doc collects it; parts it cannot read fail that merge, not the worker.
import { afterEach, expect, it, describe } from 'vitest'
import * as Y from 'yjs'
import { createSnapshotMerger } from '../../server/storage/snapshot-merger'

function history(): { doc: Y.Doc; parts: Uint8Array[] } {
  const doc = new Y.Doc()
  const parts: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => parts.push(update))
  const text = doc.getText('t')
  for (let i = 0; i < 300; i++) {
    if (i % 3 === 2) text.delete(0, Math.min(text.length, 300))
    else text.insert(text.length, `word ${i} `.repeat(20))
  }
  return { doc, parts }
}

describe('the snapshot merger', () => {
  const merger = createSnapshotMerger()
  afterEach(() => merger.close())

  it('merges a snapshot and the log after it into the same document, deleted content collected', async () => {
    const { doc, parts } = history()
    // A snapshot of the first half, then the log after it, as the store hands them over.
    const half = new Y.Doc()
    for (const part of parts.slice(0, 150)) Y.applyUpdate(half, part)
    const merged = await merger.merge([Y.encodeStateAsUpdate(half), ...parts.slice(150)])
    const copy = new Y.Doc()
    Y.applyUpdate(copy, merged.state)
    expect(copy.getText('t').toString()).toBe(doc.getText('t').toString())
    expect(merged.stateVector).toEqual(Y.encodeStateVector(doc))
    expect(merged.state).toEqual(Y.encodeStateAsUpdate(doc))
    // The binary merge alone keeps the deleted text; the snapshot does not.
    expect(merged.state.length).toBeLessThan(Y.mergeUpdates(parts).length / 2)
  })

  it('fails a merge of a part it cannot read with a clear error, and merges the next one', async () => {
    const { doc, parts } = history()
    const whole = Y.encodeStateAsUpdate(doc)
    await expect(merger.merge([whole.slice(0, whole.length / 2)])).rejects.toThrow(/merging the snapshot failed/)
    const merged = await merger.merge(parts)
    expect(merged.state).toEqual(whole)
  })

  it('answers merges given at once, each with its own document', async () => {
    const docs = Array.from({ length: 4 }, (_, i) => {
      const doc = new Y.Doc()
      doc.getText('t').insert(0, `document ${i}`)
      return doc
    })
    const merged = await Promise.all(docs.map((doc) => merger.merge([Y.encodeStateAsUpdate(doc)])))
    expect(merged.map(({ state }) => state)).toEqual(docs.map((doc) => Y.encodeStateAsUpdate(doc)))
  })
})
