// The room lifecycle in-process, with a real SQLite store that can be made to fail on demand.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase, type DatabaseHandle } from '../../db/client'
import { createLogger } from '../../server/log'
import type { DocStore } from '../../server/storage/doc-store'
import { createSnapshotMerger } from '../../server/storage/snapshot-merger'
import { createDocStore } from '../../server/storage/sql-doc-store'
import type { Peer } from '../../server/sync/peer'
import * as decoding from 'lib0/decoding'
import { decodeClientMessage, encodeSyncStep1, encodeUpdate } from '../../server/sync/protocol'
import { RoomRegistry } from '../../server/sync/rooms'
import { factsOfUpdate } from '../../server/sync/update-facts'
import { titleText } from '../../shared/model'
import { tempDataDir } from '../helpers/server-process'
import { waitFor } from '../helpers/wait'

type FaultyStore = DocStore & { failing: Set<keyof DocStore>; calls: Record<string, number> }

function faultyStore(inner: DocStore): FaultyStore {
  const failing = new Set<keyof DocStore>()
  const calls: Record<string, number> = {}
  const wrap =
    <K extends keyof DocStore>(key: K) =>
    (...args: Parameters<DocStore[K]>) => {
      calls[key] = (calls[key] ?? 0) + 1
      if (failing.has(key)) return Promise.reject(new Error(`disk says no (${key})`))
      return (inner[key] as (...a: unknown[]) => unknown)(...args)
    }
  return {
    failing,
    calls,
    load: wrap('load'),
    append: wrap('append'),
    loadForCompaction: wrap('loadForCompaction'),
    compact: wrap('compact'),
    stats: wrap('stats'),
  } as FaultyStore
}

class TestPeer implements Peer {
  static count = 0
  readonly id = `test-${TestPeer.count++}`
  readonly frames: Uint8Array[] = []
  readonly userId = 'test-user'
  readonly sessionKey = 'test-session'
  readonly identity = { id: 'test-user', name: 'Test', department: 'sozialamt' }
  readonly suggestOnly = false
  closedWith: { code: number; reason: string } | undefined
  constructor(readonly canWrite = true) {}
  send(frame: Uint8Array) {
    this.frames.push(frame)
  }
  async sendPaced(frames: Uint8Array[]) {
    this.frames.push(...frames)
  }
  close(code: number, reason: string) {
    this.closedWith = { code, reason }
  }
}

/** An update as the server itself stores it (a new document's first state). */
const serverWrite = (update: Uint8Array) => ({ update, author: null, facts: factsOfUpdate(update) })

function editUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  titleText(doc).insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

describe('room lifecycle', () => {
  const snapshots = createSnapshotMerger()
  let database: DatabaseHandle
  let dir: string
  let registry: RoomRegistry | undefined

  const setup = (options: { roomIdleMs?: number; maxRooms?: number } = {}) => {
    dir = tempDataDir('rooms')
    database = openDatabase(path.join(dir, 'test.sqlite'))
    const store = faultyStore(createDocStore(database.db))
    registry = new RoomRegistry({
      store,
      log: createLogger('silent'),
      roomIdleMs: options.roomIdleMs ?? 20,
      compactAfterUpdates: 100,
      mergeSnapshot: (parts) => snapshots.merge(parts),
      storeRetryMs: 20,
      maxRooms: options.maxRooms ?? 100,
    })
    return { store, registry }
  }

  afterEach(async () => {
    await registry?.closeAll(1001, 'test over')
    await snapshots.close()
    await database.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('clients joining while a room loads share the one copy, loaded once', async () => {
    const { store, registry } = setup()
    await store.append('p1', [serverWrite(editUpdate('gespeichert'))])
    const peers = Array.from({ length: 5 }, () => new TestPeer())
    const rooms = await Promise.all(peers.map((peer) => registry.join('p1', peer)))
    expect(new Set(rooms).size).toBe(1)
    expect(registry.loads).toBe(1)
    expect(titleText(rooms[0]!.snapshot()).toString()).toBe('gespeichert')
  })

  it('a client that has nothing gets the whole document, with every edit made since the room loaded', async () => {
    const { store, registry } = setup()
    await store.append('p1', [serverWrite(editUpdate('gespeichert'))])
    const writer = new TestPeer()
    const room = await registry.join('p1', writer)
    const freshClientSees = async () => {
      const peer = new TestPeer()
      await registry.join('p1', peer)
      await room.receive(peer, decodeClientMessage(encodeSyncStep1(new Y.Doc())))
      const decoder = decoding.createDecoder(peer.frames.at(-1)!)
      expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 1])
      const doc = new Y.Doc()
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
      return titleText(doc).toString()
    }
    const edit = async (index: number, text: string) => {
      const doc = room.snapshot()
      const stored = Y.encodeStateVector(doc)
      titleText(doc).insert(index, text)
      await room.receive(writer, decodeClientMessage(encodeUpdate(Y.encodeStateAsUpdate(doc, stored))))
    }
    expect(await freshClientSees()).toBe('gespeichert')
    await edit(11, ' und mehr')
    expect(await freshClientSees()).toBe('gespeichert und mehr')
    expect(await freshClientSees()).toBe('gespeichert und mehr')
    await edit(20, '!')
    expect(await freshClientSees()).toBe('gespeichert und mehr!')
  })

  it('a failed load leaves no room behind, and the next join loads again', async () => {
    const { store, registry } = setup()
    store.failing.add('load')
    await expect(registry.join('p1', new TestPeer())).rejects.toThrow(/disk says no/)
    expect(registry.size).toBe(0)
    expect(registry.stateOf('p1')).toBe('unloaded')
    store.failing.delete('load')
    await registry.join('p1', new TestPeer())
    expect(registry.stateOf('p1')).toBe('active')
  })

  it('goes loading → active → draining → unloaded, and a join while draining keeps the same room', async () => {
    const { registry } = setup({ roomIdleMs: 30 })
    const first = new TestPeer()
    const room = await registry.join('p1', first)
    expect(registry.stateOf('p1')).toBe('active')
    registry.leave('p1', first)
    expect(registry.stateOf('p1')).toBe('draining')
    const second = new TestPeer()
    expect(await registry.join('p1', second)).toBe(room)
    expect(registry.stateOf('p1')).toBe('active')
    registry.leave('p1', second)
    await waitFor(() => registry.stateOf('p1') === 'unloaded', { what: 'unload' })
    expect(registry.size).toBe(0)
  })

  it('a failed store is not swallowed: the update is not broadcast, the room stays, and it is stored once the disk is back', async () => {
    const { store, registry } = setup({ roomIdleMs: 10 })
    const writer = new TestPeer()
    const reader = new TestPeer()
    const room = await registry.join('p1', writer)
    await registry.join('p1', reader)
    const framesBefore = reader.frames.length

    store.failing.add('append')
    await room.receive(writer, decodeClientMessage(encodeUpdate(editUpdate('wichtig'))))
    await expect(room.flush()).rejects.toThrow(/disk says no/)
    expect(reader.frames.length).toBe(framesBefore)
    expect(writer.closedWith?.code).toBe(4503)
    expect(registry.storeErrors()).toEqual([{ room: 'p1', error: 'disk says no (append)' }])

    // Everyone leaves, but the room must not unload with an unstored update.
    registry.leave('p1', writer)
    registry.leave('p1', reader)
    await waitFor(() => (store.calls.append ?? 0) >= 3, { what: 'retries' })
    expect(registry.stateOf('p1')).not.toBe('unloaded')

    store.failing.delete('append')
    await waitFor(() => registry.stateOf('p1') === 'unloaded', { what: 'unload after recovery' })
    const stored = await store.load('p1')
    const doc = new Y.Doc()
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    expect(titleText(doc).toString()).toBe('wichtig')
  })
})

describe('rooms in memory', () => {
  const snapshots = createSnapshotMerger()
  afterEach(() => snapshots.close())
  it('at the maximum, the least recently used idle room is unloaded; with none idle a new room is refused', async () => {
    const dir = tempDataDir('lru')
    const database = openDatabase(path.join(dir, 'test.sqlite'))
    const registry = new RoomRegistry({
      store: createDocStore(database.db),
      log: createLogger('silent'),
      roomIdleMs: 60_000,
      compactAfterUpdates: 100,
      mergeSnapshot: (parts) => snapshots.merge(parts),
      storeRetryMs: 20,
      maxRooms: 2,
    })
    try {
      const a = new TestPeer()
      const b = new TestPeer()
      await registry.join('a', a)
      await registry.join('b', b)
      await expect(registry.join('c', new TestPeer())).rejects.toThrow(/try again later/)
      registry.leave('a', a)
      registry.leave('b', b)
      // Both idle now; 'a' was left first, so it goes.
      await registry.join('c', new TestPeer())
      await waitFor(() => registry.stateOf('a') === 'unloaded', { what: 'a unloaded' })
      expect(registry.stateOf('b')).toBe('draining')
      expect(registry.stateOf('c')).toBe('active')
    } finally {
      await registry.closeAll(1001, 'test over')
      await database.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
