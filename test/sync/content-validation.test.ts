// Raw Yjs updates a stock client would never send, against a real server: each is refused before it
// is applied, closes only its sender, leaves nothing in the database, and the proposal keeps working.
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bodyFragment, collectionMap, metaMap, readSchemaVersion, schemaVersion, titleText } from '../../shared/model'
import { apiClient } from '../helpers/api'
import { connectSynced, signIn, type Client } from '../helpers/clients'
import { readStoredDoc } from '../helpers/database'
import { openRawSocket } from '../helpers/raw-socket'
import { startTestServer, type TestServer } from '../helpers/test-server'
import { waitFor } from '../helpers/wait'

const updateFrame = (update: Uint8Array) => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/** `levels` elements each inside the one before, under `body`, encoded directly: no client builds this. */
function nestedUpdate(levels: number, client = 424242): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, 1)
  encoding.writeVarUint(encoder.restEncoder, levels)
  encoder.writeClient(client)
  encoding.writeVarUint(encoder.restEncoder, 0)
  for (let i = 0; i < levels; i++) {
    const type = new Y.XmlElement(i % 2 === 0 ? 'bullet_list' : 'list_item')
    const parent = i === 0 ? 'body' : Y.createID(client, i - 1)
    new Y.Item(Y.createID(client, i), null, null, null, null, parent as unknown as Y.AbstractType<unknown>, null, new Y.ContentType(type)).write(encoder, 0)
  }
  encoding.writeVarUint(encoder.restEncoder, 0)
  return encoder.toUint8Array()
}

describe('the server checks every content update against the model', () => {
  let server: TestServer
  let cookie: string
  let proposalId: string
  let editor: Client
  let watcher: Client
  const api = () => apiClient(server.url, cookie)

  beforeAll(async () => {
    server = await startTestServer()
    cookie = await signIn(server.url, 'sozialamt.editor')
    const created = await api().post<{ id: string }>('/proposals', { title: 'Prüfung', template: 'pakt-949-2019' })
    proposalId = created.body.id
    editor = await connectSynced(server.wsUrl, proposalId, cookie)
    watcher = await connectSynced(server.wsUrl, proposalId, cookie)
  })
  afterAll(async () => {
    editor?.destroy()
    watcher?.destroy()
    await server.stop()
  })

  /** Sends what `change` does to a copy of the editor's doc, from a raw socket; resolves with the close. */
  async function sendChange(change: (doc: Y.Doc) => void): Promise<{ code: number; reason: string }> {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(editor.doc))
    const before = Y.encodeStateVector(copy)
    change(copy)
    return sendUpdate(Y.encodeStateAsUpdate(copy, before))
  }

  async function sendUpdate(update: Uint8Array): Promise<{ code: number; reason: string }> {
    const raw = await openRawSocket(server.wsUrl, proposalId, cookie)
    raw.ws.send(updateFrame(update))
    return raw.closed
  }

  /** The others go on: an edit still reaches a second client, and nothing refused was logged. */
  async function othersGoOn(logLengthBefore: number, marker: string) {
    expect(readStoredDoc(server.dataDir, proposalId).logLength).toBe(logLengthBefore)
    titleText(editor.doc).insert(0, marker)
    await waitFor(() => titleText(watcher.doc).toString().startsWith(marker), { what: `${marker} at the watcher` })
    titleText(editor.doc).delete(0, marker.length)
    await waitFor(() => !titleText(watcher.doc).toString().startsWith(marker), { what: 'cleanup' })
  }

  const logLength = () => readStoredDoc(server.dataDir, proposalId).logLength

  it('an update that sets meta.schemaVersion is refused (4403), and versions, draft and exports still answer', async () => {
    const before = logLength()
    const closed = await sendChange((doc) => metaMap(doc).set('schemaVersion', 99))
    expect(closed).toEqual({ code: 4403, reason: 'clients may not write meta.schemaVersion' })
    await othersGoOn(before, 'A ')
    expect(readSchemaVersion(readStoredDoc(server.dataDir, proposalId).doc)).toBe(schemaVersion)
    expect((await api().get(`/proposals/${proposalId}/versions/draft`)).status).toBe(200)
    expect((await api().post(`/proposals/${proposalId}/versions`, { name: 'nach dem Versuch' })).status).toBe(201)
    const docx = await fetch(`${server.url}/api/proposals/${proposalId}/versions/draft/export.docx`, { headers: { cookie } })
    expect(docx.status).toBe(200)
  })

  it('a 20 000-character title, and a 20 000-character position function, are refused (4400)', async () => {
    const before = logLength()
    const word = 'x'.repeat(20_000)
    expect(await sendChange((doc) => titleText(doc).insert(0, word))).toEqual({ code: 4400, reason: 'title would exceed 300 characters' })
    const positionId = [...collectionMap(editor.doc, 'positions').keys()][0]!
    const item = (doc: Y.Doc) => collectionMap(doc, 'positions').get(positionId) as Y.Map<unknown>
    const closed = await sendChange((doc) => (item(doc).get('function') as Y.Text).insert(0, word))
    expect(closed).toEqual({ code: 4400, reason: 'positions[].function would exceed 500 characters' })
    // The layout-1 way, a plain string in place of the Y.Text, is refused too.
    expect(await sendChange((doc) => item(doc).set('function', 'kurz'))).toEqual({ code: 4400, reason: 'positions[].function has the wrong type' })
    await othersGoOn(before, 'B ')
    expect(titleText(readStoredDoc(server.dataDir, proposalId).doc).length).toBeLessThan(300)
  })

  it('a javascript: link in the Begründung is refused, and so is a data: link', async () => {
    const before = logLength()
    for (const href of ['javascript:alert(document.cookie)', 'data:text/html;base64,PHNjcmlwdD4=']) {
      const closed = await sendChange((doc) => {
        const paragraph = new Y.XmlElement('paragraph')
        const text = new Y.XmlText()
        paragraph.insert(0, [text])
        text.insert(0, 'Mehr dazu', { link: { href } })
        bodyFragment(doc).insert(0, [paragraph])
      })
      expect(closed).toEqual({ code: 4400, reason: 'formatting "link" is not allowed in body' })
    }
    await othersGoOn(before, 'C ')
  })

  it('plain values inside body are refused', async () => {
    const before = logLength()
    const closed = await sendChange((doc) => (bodyFragment(doc) as unknown as Y.Array<unknown>).insert(0, ['kein Element', 7]))
    expect(closed).toEqual({ code: 4400, reason: 'body holds rich-text elements only' })
    await othersGoOn(before, 'D ')
  })

  it('3 000 and 20 000 nested elements are refused quickly and the server keeps serving', async () => {
    const before = logLength()
    for (const levels of [3_000, 20_000]) {
      const started = performance.now()
      const closed = await sendUpdate(nestedUpdate(levels))
      expect(closed).toEqual({ code: 4400, reason: 'body is nested deeper than 24 levels' })
      expect(performance.now() - started).toBeLessThan(5_000)
    }
    await othersGoOn(before, 'E ')
    expect(bodyFragment(readStoredDoc(server.dataDir, proposalId).doc).length).toBe(bodyFragment(editor.doc).length)
  })

  it('a nesting within the limit is accepted: the guard refuses depth, not structure', async () => {
    // 24 levels alternate bullet_list/list_item: allowed by the schema and by the depth bound.
    const raw = await openRawSocket(server.wsUrl, proposalId, cookie)
    try {
      raw.ws.send(updateFrame(nestedUpdate(24, 515151)))
      await waitFor(() => bodyFragment(watcher.doc).toArray().some((n) => n instanceof Y.XmlElement && n.nodeName === 'bullet_list'), {
        what: 'the nested list at the watcher',
      })
      expect(raw.ws.readyState).toBe(raw.ws.OPEN)
    } finally {
      raw.ws.close()
    }
  })
})
