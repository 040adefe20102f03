// The log's sequence numbers as other instances read them: each append says where it follows, and a
// catch-up reads what came after a point, from the snapshot when compaction folded it.
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase, type DatabaseHandle } from '../../db/client'
import { createDocStore } from '../../server/storage/sql-doc-store'
import { SeqWatermark } from '../../server/sync/seq-watermark'
import { factsOfUpdate } from '../../server/sync/update-facts'
import { tempDataDir } from '../helpers/server-process'

describe('sequence numbers of the update log', () => {
  let database: DatabaseHandle | undefined
  afterEach(async () => {
    await database?.close()
    database = undefined
  })

  const open = () => {
    database = openDatabase(path.join(tempDataDir('sequence'), 'mitzeichnung.sqlite'))
    return createDocStore(database.db)
  }
  const doc = new Y.Doc()
  const edit = (text: string, target = doc) => {
    const before = Y.encodeStateVector(target)
    target.getText('t').insert(target.getText('t').length, text)
    const update = Y.encodeStateAsUpdate(target, before)
    return { update, author: null, facts: factsOfUpdate(update) }
  }
  const textOf = (updates: Uint8Array[]) => {
    const copy = new Y.Doc()
    for (const update of updates) Y.applyUpdate(copy, update)
    return copy.getText('t').toString()
  }

  it('each append names the document’s previous sequence number, even when another document wrote in between', async () => {
    const store = open()
    const first = await store.append('p1', [edit('a')])
    expect(first.prevSeq).toBe(0)
    const other = await store.append('p2', [edit('x', new Y.Doc())])
    const second = await store.append('p1', [edit('b'), edit('c')])
    expect(second.prevSeq).toBe(first.seq)
    expect(second.seq).toBeGreaterThan(other.seq)
    expect((await store.loadSince('p1', first.seq)).map((row) => row.seq)).toHaveLength(2)
    expect(textOf((await store.loadSince('p1', 0)).map((row) => row.update))).toBe('abc')
    expect(await store.loadSince('p1', second.seq)).toEqual([])
  })

  it('a catch-up from before a compaction starts with the snapshot; a later append follows the snapshot', async () => {
    const store = open()
    const one = await store.append('p1', [edit('1')])
    const two = await store.append('p1', [edit('2')])
    const three = await store.append('p1', [edit('3')])
    await store.compact('p1', Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc), two.seq)
    // Rows 1 and 2 are gone: whoever stood at 1 gets the snapshot (seq 2), then the tail.
    const caughtUp = await store.loadSince('p1', one.seq)
    expect(caughtUp.map((row) => row.seq)).toEqual([two.seq, three.seq])
    expect(textOf(caughtUp.map((row) => row.update))).toContain('123')
    expect((await store.loadSince('p1', three.seq)).length).toBe(0)
    await store.compact('p1', Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc), three.seq)
    expect((await store.append('p1', [edit('4')])).prevSeq).toBe(three.seq)
  })

  it('a compaction up to an older point never replaces a newer snapshot', async () => {
    const store = open()
    const one = await store.append('p1', [edit('alt')])
    const older = Y.encodeStateAsUpdate(doc)
    const olderVector = Y.encodeStateVector(doc)
    const two = await store.append('p1', [edit('neu')])
    await store.compact('p1', Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc), two.seq)
    // An instance that had applied only up to `one` compacts late.
    await store.compact('p1', older, olderVector, one.seq)
    expect(textOf((await store.load('p1')).updates)).toContain('neu')
  })
})

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
