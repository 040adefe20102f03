// The document store behaves the same on both backends: appends are ordered and report the seq
// before them (what other instances follow), loadSince reads what came after — from the snapshot when
// compaction folded it — a snapshot never goes back, and on PostgreSQL only one compaction of a
// document runs at a time; a content document's recorded layout comes with its load and only rises.
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { eq } from 'drizzle-orm'
import { docEdits, proposals } from '../../db/schema'
import { transaction } from '../../db/transaction'
import { docLocksFor } from '../../server/storage/doc-locks'
import type { AuthoredUpdate } from '../../server/storage/doc-store'
import { createDocStore } from '../../server/storage/sql-doc-store'
import { describeBackends, type Backend } from '../helpers/services'
import { openStoreDatabase } from '../helpers/store-database'
import { waitFor } from '../helpers/wait'

function textUpdate(doc: Y.Doc, text: string): AuthoredUpdate {
  let update: Uint8Array | undefined
  doc.once('update', (u: Uint8Array) => (update = u))
  doc.getText('t').insert(doc.getText('t').length, text)
  return { update: update!, author: null, facts: { inserted: [], deleted: [], sections: [] } }
}

describeBackends('the document store', (backend: Backend) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const open = () => openStoreDatabase(backend, 'store', cleanups)


  const textOf = (updates: Uint8Array[]) => {
    const copy = new Y.Doc()
    for (const update of updates) Y.applyUpdate(copy, update)
    return copy.getText('t').toString()
  }

  it('reports the document’s seq before each append, even when another document wrote in between, and reads back what came after a seq', async () => {
    const { db } = await open()
    const store = createDocStore(db)
    const doc = new Y.Doc()
    const first = await store.append('d', [textUpdate(doc, 'a'), textUpdate(doc, 'b')])
    expect(first.prevSeq).toBe(0)
    const other = await store.append('other', [textUpdate(new Y.Doc(), 'x')])
    const second = await store.append('d', [textUpdate(doc, 'c')])
    expect(second.prevSeq).toBe(first.seq)
    expect(second.seq).toBeGreaterThan(other.seq)
    const since = await store.loadSince('d', first.seq)
    expect(since.map((row) => row.seq)).toEqual([second.seq])
    expect(textOf((await store.loadSince('d', 0)).map((row) => row.update))).toBe('abc')
    expect(await store.loadSince('d', second.seq)).toEqual([])
  })

  it('a catch-up from before a compaction starts with the snapshot, then the tail after it', async () => {
    const { db } = await open()
    const store = createDocStore(db)
    const doc = new Y.Doc()
    const one = await store.append('d', [textUpdate(doc, '1')])
    const two = await store.append('d', [textUpdate(doc, '2')])
    const snapshot = { state: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc) }
    const three = await store.append('d', [textUpdate(doc, '3')])
    expect(await store.compact('d', snapshot.state, snapshot.stateVector, two.seq)).toBe(true)
    // Rows 1 and 2 are gone: whoever stood at 1 gets the snapshot (seq 2), then the tail.
    const caughtUp = await store.loadSince('d', one.seq)
    expect(caughtUp.map((row) => row.seq)).toEqual([two.seq, three.seq])
    expect(textOf(caughtUp.map((row) => row.update))).toBe('123')
    expect(await store.loadSince('d', three.seq)).toEqual([])
  })

  it('never replaces a snapshot with an older one, and still counts from it after compaction', async () => {
    const { db } = await open()
    const store = createDocStore(db)
    const doc = new Y.Doc()
    await store.append('d', [textUpdate(doc, 'a')])
    const early = Y.encodeStateAsUpdate(doc)
    const earlyVector = Y.encodeStateVector(doc)
    const { seq } = await store.append('d', [textUpdate(doc, 'b')])
    expect(await store.compact('d', Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc), seq)).toBe(true)
    // A slower compactor arrives with the older state: the newer snapshot stays.
    await store.compact('d', early, earlyVector, seq - 1)
    const loaded = await store.load('d')
    const copy = new Y.Doc()
    for (const update of loaded.updates) Y.applyUpdate(copy, update)
    expect(copy.getText('t').toString()).toBe('ab')
    expect(loaded.lastSeq).toBe(seq)
    expect((await store.append('d', [textUpdate(doc, 'c')])).prevSeq).toBe(seq)
  })

  it('hands a compaction the snapshot and the log after it up to a seq, and nothing once the snapshot reaches it', async () => {
    const { db } = await open()
    const store = createDocStore(db)
    const doc = new Y.Doc()
    expect(await store.loadForCompaction('d', 10)).toBeUndefined()
    const one = await store.append('d', [textUpdate(doc, 'a'), textUpdate(doc, 'b')])
    const two = await store.append('d', [textUpdate(doc, 'c')])
    // Up to the first batch: its two rows, not the later one.
    expect(textOf((await store.loadForCompaction('d', one.seq))!)).toBe('ab')
    const snapshot = new Y.Doc()
    Y.applyUpdate(snapshot, Y.mergeUpdates((await store.loadForCompaction('d', one.seq))!))
    expect(await store.compact('d', Y.encodeStateAsUpdate(snapshot), Y.encodeStateVector(snapshot), one.seq)).toBe(true)
    expect(await store.loadForCompaction('d', one.seq)).toBeUndefined()
    const parts = (await store.loadForCompaction('d', two.seq))!
    expect(parts).toHaveLength(2)
    expect(textOf(parts)).toBe('abc')
  })

  it.skipIf(backend !== 'postgres')('lets only one compaction of a document run at a time (PostgreSQL)', async () => {
    const { db } = await open()
    const locks = docLocksFor('postgres')
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let firstTook: boolean | undefined
    const holder = transaction(db, async (tx) => {
      firstTook = await locks.tryLockForCompaction(tx, 'd')
      await held
    })
    await waitFor(() => firstTook !== undefined, { what: 'the first compaction lock' })
    expect(firstTook).toBe(true)
    const store = createDocStore(db)
    const doc = new Y.Doc()
    const { seq } = await store.append('d', [textUpdate(doc, 'a')])
    expect(await store.compact('d', Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc), seq)).toBe(false)
    release()
    await holder
    expect(await store.compact('d', Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc), seq)).toBe(true)
  })

  it('keeps who wrote what beside the log: the first owner of a client id stays, a person’s updates of a minute fold into one row, a large batch is stored whole', async () => {
    const { db } = await open()
    const store = createDocStore(db)
    const alice = { userId: 'alice', departmentId: 'sozialamt' }
    const bob = { userId: 'bob', departmentId: 'kaemmerei' }
    const doc = new Y.Doc()
    const authored = (author: AuthoredUpdate['author'], text: string, deleted: [number, number, number][] = []): AuthoredUpdate => {
      const before = doc.getText('t').length
      const entry = textUpdate(doc, text)
      const from = before
      return { ...entry, author, facts: { inserted: [[doc.clientID, from, from + text.length]], deleted, sections: ['begruendung'] } }
    }
    const first = await store.append('d', [authored(alice, 'ab'), authored(alice, 'c')])
    // Bob's update brings items of the same client id: alice, who stored it first, stays its owner.
    await store.append('d', [authored(bob, 'd', [[7, 0, 1]])])
    await store.append('d', [authored(alice, 'e', [[7, 1, 2]])])
    const many = Array.from({ length: 1_203 }, (_, i) => authored(null, String(i % 10)))
    const last = await store.append('d', many)
    expect(last.prevSeq).toBeGreaterThan(first.seq)
    const loaded = await store.load('d')
    expect(loaded.owners).toEqual(new Map([[doc.clientID, 'alice']]))
    expect(loaded.logged).toEqual({ length: 4 + 1_203, bytes: loaded.updates.reduce((sum, update) => sum + update.length, 0) })
    expect(textOf(loaded.updates)).toBe(doc.getText('t').toString())
    const edits = await db.select().from(docEdits).where(eq(docEdits.docName, 'd')).orderBy(docEdits.id)
    expect(edits.map(({ userId, departmentId, updates, inserted, deleted, sections }) => ({ userId, departmentId, updates, inserted, deleted, sections }))).toEqual([
      { userId: 'alice', departmentId: 'sozialamt', updates: 3, inserted: [[doc.clientID, 0, 3], [doc.clientID, 4, 5]], deleted: [[7, 1, 2]], sections: ['begruendung'] },
      { userId: 'bob', departmentId: 'kaemmerei', updates: 1, inserted: [[doc.clientID, 3, 4]], deleted: [[7, 0, 1]], sections: ['begruendung'] },
    ])
    expect(edits[0]!.lastAt.getTime()).toBeGreaterThanOrEqual(edits[0]!.firstAt.getTime())
  })

  it('loads a content document with the layout recorded on its proposal, which only ever rises; a record document has none', async () => {
    const { db } = await open()
    const store = createDocStore(db)
    await db.insert(proposals).values({ id: 'p1', number: '', title: 'Vorlage' })
    await store.append('p1', [textUpdate(new Y.Doc(), 'a')])
    expect((await store.load('p1')).contentLayout).toBeUndefined()
    await store.recordContentLayout('p1', 2)
    expect((await store.load('p1')).contentLayout).toBe(2)
    // A slower instance's check of an older state never lowers it.
    await store.recordContentLayout('p1', 1)
    expect((await store.load('p1')).contentLayout).toBe(2)
    await store.recordContentLayout('p1', 3)
    expect((await store.load('p1')).contentLayout).toBe(3)
    expect((await store.load('p1/record')).contentLayout).toBeUndefined()
    await expect(store.recordContentLayout('p1/record', 2)).rejects.toThrow(/not a content document/)
    expect((await store.load('p1')).contentLayout).toBe(3)
  })
})
