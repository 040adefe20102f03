import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { titleText } from '../../shared/model'
import { connectSynced, createProposal, signIn, type Client } from '../helpers/clients'
import { readStoredDoc } from '../helpers/database'
import { openRawSocket, upgradeStatus } from '../helpers/raw-socket'
import { startTestServer, type TestServer } from '../helpers/test-server'
import { waitFor } from '../helpers/wait'

const maxMessageBytes = 64 * 1024

const syncUpdateFrame = (update: Uint8Array) => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/** A real update whose tail is cut off: Yjs cannot apply it. */
function truncatedUpdate(): Uint8Array {
  const doc = new Y.Doc()
  titleText(doc).insert(0, 'darf nicht ankommen')
  titleText(doc).delete(0, 5)
  const update = Y.encodeStateAsUpdate(doc)
  return update.subarray(0, update.length - 3)
}

function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length)
  let x = seed
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    bytes[i] = x >>> 24
  }
  return bytes
}

const badFrames: [string, Uint8Array | string][] = [
  ['random bytes', randomBytes(200, 7)],
  ['a truncated varint', new Uint8Array([0x00, 0x02, 0xff, 0xff])],
  ['an unknown message type', new Uint8Array([0x09, 0x00])],
  ['an unknown sync step', new Uint8Array([0x00, 0x07, 0x00])],
  ['an update Yjs cannot apply', syncUpdateFrame(truncatedUpdate())],
  ['an update of random bytes', syncUpdateFrame(randomBytes(64, 3))],
  ['a broken awareness update', new Uint8Array([0x01, 0x03, 0x01, 0x05, 0x01])],
  ['a text frame', 'hallo'],
  ['a frame over the size limit', syncUpdateFrame(new Uint8Array(maxMessageBytes + 10))],
]

describe('bad input on the socket', () => {
  let server: TestServer
  let proposalId: string
  let good: Client
  let cookie: string

  beforeAll(async () => {
    server = await startTestServer({ env: { MAX_MESSAGE_BYTES: String(maxMessageBytes) } })
    cookie = await signIn(server.url, 'sozialamt.editor')
    proposalId = (await createProposal(server.url, cookie)).id
    good = await connectSynced(server.wsUrl, proposalId, cookie)
    titleText(good.doc).insert(0, 'Ausgangstext. ')
  })
  afterAll(async () => {
    good.destroy()
    await server.stop()
  })

  it.each(badFrames)('%s closes only the sender, with a close code; the room and its stored state go on unharmed', async (_kind, frame) => {
    const storedBefore = readStoredDoc(server.dataDir, proposalId).doc
    await waitFor(() => [storedBefore, readStoredDoc(server.dataDir, proposalId).doc].some((doc) => titleText(doc).toString().startsWith('Ausgangstext.')))
    const before = Y.encodeStateVector(readStoredDoc(server.dataDir, proposalId).doc)

    const bad = await openRawSocket(server.wsUrl, proposalId, cookie)
    bad.ws.send(frame)
    const { code, reason } = await bad.closed
    expect(code).toBeGreaterThanOrEqual(1002)
    expect(code === 1009 || (code >= 4400 && code < 4500), `close code ${code} (${reason})`).toBe(true)
    expect(reason.length).toBeGreaterThan(0)

    // The stored document did not change…
    expect(Y.encodeStateVector(readStoredDoc(server.dataDir, proposalId).doc)).toEqual(before)
    // …and a well-behaved client in the same room keeps syncing.
    const marker = `ok-${Math.random().toString(36).slice(2)}`
    titleText(good.doc).insert(titleText(good.doc).length, marker)
    const other = await connectSynced(server.wsUrl, proposalId, cookie)
    await waitFor(() => titleText(other.doc).toString().includes(marker), { what: 'the good edit at a new client' })
    other.destroy()
    expect(good.provider.wsconnected).toBe(true)
  })

  it('an unknown proposal is refused with 404 before the upgrade', async () => {
    expect(await upgradeStatus(`${server.wsUrl}/unknownproposal1`, { cookie })).toBe(404)
    expect(await upgradeStatus(`${server.wsUrl}/NOT..valid`, { cookie })).toBe(404)
    expect(await upgradeStatus(`${server.wsUrl}/${proposalId}`, { cookie })).toBe(101)
  })

  it('an invalid REST body is refused with 400 and a message naming the field', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/api/proposals`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body })
    const missingTitle = await post(JSON.stringify({ number: '949/2019' }))
    expect(missingTitle.status).toBe(400)
    expect(((await missingTitle.json()) as { error: string }).error).toMatch(/^title/)
    const badNumber = await post(JSON.stringify({ title: 'x', number: 'neun' }))
    expect(badNumber.status).toBe(400)
    expect(((await badNumber.json()) as { error: string }).error).toMatch(/^number/)
    const notJson = await post('{nope')
    expect(notJson.status).toBe(400)
    expect(((await notJson.json()) as { error: string }).error).toMatch(/JSON/)
    const tooLarge = await post(JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }))
    expect(tooLarge.status).toBe(413)
    const unknown = await fetch(`${server.url}/api/proposals/doesnotexist`, { headers: { cookie } })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ error: 'no such proposal' })
  })
})
