// Compaction builds the snapshot from what is stored, in a worker thread, while the room goes on storing:
// edits made while a compaction runs are stored at once and kept, and the compacted document restores
// to the same state as the client's, on both backends.
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../server/log'
import type { DocStore } from '../../server/storage/doc-store'
import { createSnapshotMerger } from '../../server/storage/snapshot-merger'
import { createDocStore } from '../../server/storage/sql-doc-store'
import type { Peer } from '../../server/sync/peer'
import { decodeClientMessage, encodeUpdate } from '../../server/sync/protocol'
import { RoomRegistry } from '../../server/sync/rooms'
import { titleText } from '../../shared/model'
import { describeBackends, type Backend } from '../helpers/services'
import { openStoreDatabase } from '../helpers/store-database'
import { waitFor } from '../helpers/wait'

class TestPeer implements Peer {
  static count = 0
  readonly id = `compaction-${TestPeer.count++}`
  readonly userId = 'test-user'
  readonly sessionKey = 'test-session'
  readonly identity = { id: 'test-user', name: 'Test', department: 'sozialamt' }
  readonly suggestOnly = false
  readonly canWrite = true
  send() {}
  async sendPaced() {}
  close() {}
}

/** The real store, whose snapshot writes wait at a gate the test opens: a compaction held half-way. */
function gatedStore(inner: DocStore) {
  let open!: () => void
  const gate = new Promise<void>((resolve) => (open = resolve))
  const state = { waiting: 0, written: 0 }
  const store: DocStore = {
    ...inner,
    async compact(...args) {
      state.waiting++
      await gate
      const written = await inner.compact(...args)
      state.written++
      return written
    },
  }
  return { store, state, open }
}

const restored = (updates: Uint8Array[]) => {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc
}

describeBackends('compaction', (backend: Backend) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  const open = () => openStoreDatabase(backend, 'compaction', cleanups)


  it('stores edits made while a compaction runs at once, keeps them, and restores the same document', async () => {
    const { db } = await open()
    const inner = createDocStore(db)
    const gated = gatedStore(inner)
    const snapshots = createSnapshotMerger()
    const registry = new RoomRegistry({
      store: gated.store,
      log: createLogger('silent'),
      roomIdleMs: 60_000,
      compactAfterUpdates: 20,
      mergeSnapshot: (parts) => snapshots.merge(parts),
      storeRetryMs: 20,
      maxRooms: 10,
    })
    cleanups.push(async () => {
      gated.open()
      await registry.closeAll(1001, 'test over')
      await snapshots.close()
    })
    const peer = new TestPeer()
    const room = await registry.join('p1', peer)
    const client = new Y.Doc()
    const title = titleText(client)
    const type = async (count: number) => {
      for (let i = 0; i < count; i++) {
        // Inserts and some deletions, so the snapshot has deleted content to collect.
        const update = captureUpdate(client, () => (i % 7 === 6 ? title.delete(title.length - 2, 1) : title.insert(title.length, String.fromCharCode(97 + (i % 26)))))
        await room.receive(peer, decodeClientMessage(encodeUpdate(update)))
        await room.flush()
      }
    }

    await type(25)
    // The 20th stored update started a compaction; it is held before its snapshot is written.
    await waitFor(() => gated.state.waiting === 1, { what: 'a compaction waiting to write' })
    const beforeSnapshot = (await inner.stats('p1')).logLength
    expect(beforeSnapshot).toBe(25)
    // Typing goes on and is stored while the compaction waits (each flush resolves once stored).
    await type(15)
    expect((await inner.stats('p1')).logLength).toBe(40)

    gated.open()
    await room.compact()
    expect(gated.state.written).toBeGreaterThanOrEqual(2)
    const stats = await inner.stats('p1')
    expect(stats.logLength).toBe(0)
    expect(stats.snapshotBytes).toBeGreaterThan(0)

    // A fresh store reads one snapshot that is the client's document.
    const stored = await createDocStore(db).load('p1')
    expect(stored.updates).toHaveLength(1)
    const doc = restored(stored.updates)
    expect(titleText(doc).toString()).toBe(title.toString())
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(client))
    expect([...stored.stateVector!]).toEqual([...Y.encodeStateVector(client)])
  })
})

function captureUpdate(doc: Y.Doc, edit: () => void): Uint8Array {
  let update: Uint8Array | undefined
  const listener = (u: Uint8Array) => (update = u)
  doc.on('update', listener)
  edit()
  doc.off('update', listener)
  if (!update) throw new Error('the edit changed nothing')
  return update
}
