// A content document recorded at the current layout is answered from its stored bytes when its room
// loads, never decoded; one of an older layout (or with no record) is checked and migrated before the
// first answer, then recorded; one from a newer app version is served as it is and never recorded.
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { financeMap, headerMap, metaMap, migrateContent, readSchemaVersion, schemaVersion } from '../../shared/model'
import { createProposal, signIn } from '../helpers/clients'
import { forgetContentLayoutOf, readContentLayoutOf, readStoredDocOf } from '../helpers/database'
import { openRawSocket } from '../helpers/raw-socket'
import { describeBackends, type Backend } from '../helpers/services'
import { writeStoredDocOf } from '../helpers/stored-content'
import { startTestServer, type TestServer } from '../helpers/test-server'
import { waitFor } from '../helpers/wait'

const metricsToken = 'content-layout-test-token'
/** Sync step 1 with an empty state vector: a client that has nothing asks for the whole document. */
const askForEverything = new Uint8Array([0, 0, 1, 0])

describeBackends('the content layout recorded with a document', (backend: Backend) => {
  let server: TestServer
  let cookie: string

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { METRICS_TOKEN: metricsToken } })
    cookie = await signIn(server.url, 'sozialamt.editor')
  })
  afterAll(async () => {
    await server?.stop()
  })

  /** How many sync answers the server encoded from a decoded doc since it started (an undecoded snapshot is sent as it is). */
  async function encodedAnswers(): Promise<number> {
    const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text()
    return Number(/^mz_sync_answers_encoded_total (\d+)/m.exec(text)?.[1] ?? NaN)
  }

  /** The server's first answer to a client that has nothing, as a doc. */
  async function firstAnswer(id: string): Promise<Y.Doc> {
    const socket = await openRawSocket(server.wsUrl, id, cookie)
    try {
      const answer = new Promise<Uint8Array>((resolve) =>
        socket.ws.on('message', (data: Buffer) => {
          // Sync step 2: [messageSync, syncStep2, update]; the answer to our step 1.
          if (data[0] === 0 && data[1] === 1) resolve(decoding.readVarUint8Array(decoding.createDecoder(data.subarray(2))))
        }),
      )
      socket.ws.send(askForEverything)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, await answer)
      return doc
    } finally {
      socket.ws.close()
    }
  }

  const stateVectorOf = async (id: string) => {
    const { doc } = await readStoredDocOf(server, id)
    const vector = Y.encodeStateVector(doc)
    doc.destroy()
    return vector
  }

  it('a new proposal is recorded at the current layout, and its room answers a reader without decoding the stored document', async () => {
    const { id } = await createProposal(server.url, cookie, 'Neue Vorlage')
    expect(await readContentLayoutOf(server, id)).toBe(schemaVersion)
    // The record is true: the first state this server wrote needs no migration.
    const { doc: stored } = await readStoredDocOf(server, id)
    expect(migrateContent(stored)).toBe(false)
    stored.destroy()
    const before = await encodedAnswers()
    const answer = await firstAnswer(id)
    expect(readSchemaVersion(answer)).toBe(schemaVersion)
    expect(headerMap(answer).get('gz')).toBeInstanceOf(Y.Text)
    expect(await encodedAnswers()).toBe(before)
  })

  it('a document with no record is checked as its room loads (decoded, so the answer is encoded), then recorded', async () => {
    const { id } = await createProposal(server.url, cookie, 'Ohne Vermerk')
    await forgetContentLayoutOf(server, id)
    const before = await encodedAnswers()
    expect(readSchemaVersion(await firstAnswer(id))).toBe(schemaVersion)
    expect(await encodedAnswers()).toBe(before + 1)
    await waitFor(async () => (await readContentLayoutOf(server, id)) === schemaVersion, { what: 'the layout recorded' })
  })

  it('a document on an older layout with no record is migrated before the first answer, then recorded, and the next load does not decode it', async () => {
    const { id } = await createProposal(server.url, cookie, 'Alte Vorlage')
    await server.stop()
    // As layout 1 stored it, before any layout was recorded.
    await writeStoredDocOf(server, id, (doc) => {
      headerMap(doc).set('gz', 'SI')
      financeMap(doc).set('years', [2022, 2023])
      metaMap(doc).set('schemaVersion', 1)
    })
    expect(await readContentLayoutOf(server, id)).toBeNull()
    await server.restart()

    const migrated = await firstAnswer(id)
    expect(readSchemaVersion(migrated)).toBe(schemaVersion)
    expect(headerMap(migrated).get('gz')).toBeInstanceOf(Y.Text)
    expect(String(headerMap(migrated).get('gz'))).toBe('SI')
    expect(financeMap(migrated).get('years')).toBeInstanceOf(Y.Map)
    await waitFor(async () => (await readContentLayoutOf(server, id)) === schemaVersion, { what: 'the layout recorded' })

    // Stopping folds the log into one snapshot: the next load could send it as it is.
    await server.stop()
    const storedBefore = await stateVectorOf(id)
    await server.restart()
    const again = await firstAnswer(id)
    expect(await encodedAnswers()).toBe(0)
    expect(readSchemaVersion(again)).toBe(schemaVersion)
    expect(String(headerMap(again).get('gz'))).toBe('SI')
    await server.stop()
    expect(await stateVectorOf(id)).toEqual(storedBefore)
    await server.restart()
  })

  it('a document from a newer app version is neither migrated nor recorded as current', async () => {
    const { id } = await createProposal(server.url, cookie, 'Aus der Zukunft')
    await server.stop()
    await writeStoredDocOf(server, id, (doc) => {
      headerMap(doc).set('gz', 'SI')
      metaMap(doc).set('schemaVersion', schemaVersion + 1)
    })
    const storedBefore = await stateVectorOf(id)
    await server.restart()

    const served = await firstAnswer(id)
    expect(readSchemaVersion(served)).toBe(schemaVersion + 1)
    expect(headerMap(served).get('gz')).toBe('SI')
    // A clean stop stores whatever the room would have written.
    await server.stop()
    expect(await readContentLayoutOf(server, id)).toBeNull()
    expect(await stateVectorOf(id)).toEqual(storedBefore)
    expect(server.output()).not.toMatch(/recording the content layout failed|migrating the content failed/)
    await server.restart()
  })
})
