// A client that joins a proposal while others type without pause gets its sync answer after a store or
// two, not when the typing stops; the answer holds only stored state, and nothing typed meanwhile is lost.
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../server/log'
import type { DocStore } from '../../server/storage/doc-store'
import { createDocStore } from '../../server/storage/sql-doc-store'
import type { Peer } from '../../server/sync/peer'
import { decodeClientMessage, encodeSyncStep1, encodeUpdate } from '../../server/sync/protocol'
import { RoomRegistry } from '../../server/sync/rooms'
import { titleText } from '../../shared/model'
import { describeBackends, type Backend } from '../helpers/services'
import { openStoreDatabase } from '../helpers/store-database'

class TestPeer implements Peer {
  static count = 0
  readonly id = `sync-answer-${TestPeer.count++}`
  readonly userId = 'test-user'
  readonly sessionKey = 'test-session'
  readonly identity = { id: 'test-user', name: 'Test', department: 'sozialamt' }
  readonly suggestOnly = false
  readonly canWrite = true
  readonly answers: Uint8Array[][] = []
  send() {}
  async sendPaced(frames: Uint8Array[]) {
    this.answers.push(frames)
  }
  close() {}
}

/** Stores this many more keystrokes at most, each arriving while the store before it is still running. */
const keystrokesDuringStores = 30

describeBackends('sync answer in a busy room', (backend: Backend) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it('a client joining while another types through every store is answered after at most two stores, with nothing lost', async () => {
    const { db } = await openStoreDatabase(backend, 'sync-answer', cleanups)
    const inner = createDocStore(db)
    const typist = new Y.Doc()
    const title = titleText(typist)
    let stores = 0
    let typed = 0
    let typing = false
    const keystroke = () => {
      let update!: Uint8Array
      typist.once('update', (u: Uint8Array) => (update = u))
      title.insert(title.length, String.fromCharCode(97 + (typed++ % 26)))
      return decodeClientMessage(encodeUpdate(update))
    }
    // Every store is followed by the next keystroke arriving before the store is acknowledged.
    const store: DocStore = {
      ...inner,
      async append(...args) {
        const appended = await inner.append(...args)
        stores++
        if (typing && typed < keystrokesDuringStores) void room.receive(writer, keystroke())
        return appended
      },
    }
    const registry = new RoomRegistry({
      store,
      log: createLogger('silent'),
      roomIdleMs: 60_000,
      compactAfterUpdates: 1_000,
      mergeSnapshot: () => Promise.reject(new Error('this test never compacts')),
      storeRetryMs: 20,
      maxRooms: 10,
    })
    cleanups.push(() => registry.closeAll(1001, 'test over'))
    const writer = new TestPeer()
    const joiner = new TestPeer()
    const room = await registry.join('busy', writer)
    await registry.join('busy', joiner)
    await room.receive(writer, keystroke())
    await room.flush()

    typing = true
    void room.receive(writer, keystroke())
    const storesBefore = stores
    await room.receive(joiner, decodeClientMessage(encodeSyncStep1(new Y.Doc())))
    const storesForAnswer = stores - storesBefore

    expect(joiner.answers).toHaveLength(1)
    expect(storesForAnswer).toBeLessThanOrEqual(2)
    // The answer is what was stored when it was made: a prefix of what the typist typed.
    const answered = new Y.Doc()
    for (const frame of joiner.answers[0]!) {
      const message = decodeClientMessage(frame)
      if (message.type !== 'sync-step-2' && message.type !== 'update') throw new Error(`unexpected ${message.type}`)
      Y.applyUpdate(answered, message.update)
    }
    expect(title.toString().startsWith(titleText(answered).toString())).toBe(true)

    // The keystrokes held while the answer was made are applied in order and stored.
    typing = false
    await room.flush()
    const stored = new Y.Doc()
    for (const update of (await createDocStore(db).load('busy')).updates) Y.applyUpdate(stored, update)
    expect(titleText(stored).toString()).toBe(title.toString())
  })
})
