// Two real server processes on one database (PostgreSQL, and a shared SQLite file), telling each other
// through a private Redis, with stock y-websocket clients on both: edits, presence, the record and rights
// changes cross; a missed message is read back from the database.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addFinanceRow, listFinanceRows, readBodyText, setFinanceCell, setFinanceYears, type SectionName } from '../../shared/model'
import { sectionsHash } from '../../shared/model/content-hash'
import { readRecordStatus, readSignatures, type RecordSignature } from '../../shared/record'
import { CloseCode } from '../../shared/sync-protocol'
import { bodyText, connectClient, signIn } from '../helpers/clients'
import { describeClusters, startCluster, type TestCluster } from '../helpers/cluster'
import type { ServerProcess } from '../helpers/server-process'
import { waitFor } from '../helpers/wait'

const users = ['sozialamt.lead', 'sozialamt.editor', 'akr.lead', 'wfb.lead', 'jobcenter.editor']
const metricsToken = 'cluster-test-metrics-token'
const patiently = { timeoutMs: 30_000 }

const isCurrent = (content: Y.Doc, signature: RecordSignature) =>
  !signature.voided && sectionsHash(content, signature.sections as SectionName[]) === signature.sectionsHash

describeClusters('two instances on one database', (backend) => {
  let cluster: TestCluster
  let a: ServerProcess
  let b: ServerProcess

  beforeAll(async () => {
    cluster = await startCluster(users, { backend, env: { METRICS_TOKEN: metricsToken } })
    ;[a, b] = cluster.instances as [ServerProcess, ServerProcess]
  }, 120_000)
  afterEach(() => cluster.destroyClients())
  afterAll(() => cluster?.stop())

  const newProposal = async (title: string) => {
    const { status, body } = await cluster.api(a, 'sozialamt.lead').post<{ id: string }>('/proposals', { title })
    expect(status).toBe(201)
    return body.id
  }

  /** Appends a paragraph-free text run to the Begründung's first paragraph. */
  const type = (doc: Y.Doc, text: string) => bodyText(doc).insert(bodyText(doc).length, text)

  it('every edit made through one instance reaches the clients of the other, and is stored once', async () => {
    const id = await newProposal('Über zwei Instanzen')
    const onA = await cluster.connect(a, id, 'sozialamt.editor')
    const onB = await cluster.connect(b, id, 'sozialamt.lead')
    const logBefore = (await cluster.storedDoc(id)).logLength
    // Every update a client makes itself is one row in the log, stored by the instance it sent it to.
    let made = 0
    for (const client of [onA, onB]) client.doc.on('update', (_update: Uint8Array, origin: unknown) => origin !== client.provider && made++)

    type(onA.doc, 'von A. ')
    await waitFor(() => readBodyText(onB.doc).includes('von A.'), { ...patiently, what: 'edit of A at B' })
    type(onB.doc, 'von B. ')
    await waitFor(() => readBodyText(onA.doc).includes('von B.'), { ...patiently, what: 'edit of B at A' })
    type(onA.doc, 'noch einmal A. ')
    await waitFor(() => readBodyText(onB.doc).includes('noch einmal A.'), { ...patiently, what: 'third edit at B' })
    expect(readBodyText(onA.doc)).toBe(readBodyText(onB.doc))

    // The instance that only relayed an edit stored nothing of it.
    await waitFor(async () => (await cluster.storedDoc(id)).logLength >= logBefore + made, { ...patiently, what: 'every edit stored' })
    expect(made).toBeGreaterThanOrEqual(3)
    const stored = await cluster.storedDoc(id)
    expect(stored.logLength).toBe(logBefore + made)
    expect(readBodyText(stored.doc)).toBe(readBodyText(onB.doc))
  })

  it('a co-signature made through A shows as current on a board on B, and outdated there once content changes on A', async () => {
    const { body } = await cluster.api(a, 'sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Pakt', template: 'pakt-949-2019' })
    const id = body.id
    const editorOnA = await cluster.connect(a, id, 'sozialamt.editor')
    editorOnA.doc.transact(() => {
      setFinanceYears(editorOnA.doc, [2020, 2021])
      addFinanceRow(editorOnA.doc, { measure: 'Integrationsmanagement', need: { 2020: 120, 2021: 120 } })
    })
    const started = await cluster.api(a, 'sozialamt.lead').post(`/proposals/${id}/cosigning`, {
      departments: [{ departmentId: 'wfb', sections: ['finance'] }],
    })
    expect(started, JSON.stringify(started.body)).toMatchObject({ status: 200 })

    // The board on B: the content and the record document.
    const contentOnB = await cluster.connect(b, id, 'wfb.lead')
    const recordOnB = await cluster.connect(b, `${id}/record`, 'wfb.lead')
    await waitFor(() => listFinanceRows(contentOnB.doc).length === 1, { ...patiently, what: 'finance row at B' })
    await waitFor(() => readRecordStatus(recordOnB.doc)?.status === 'cosigning', { ...patiently, what: 'round at B' })

    expect((await cluster.api(a, 'wfb.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)
    const signatureOnB = () => readSignatures(recordOnB.doc).find((s) => s.departmentId === 'wfb')
    await waitFor(() => signatureOnB(), { ...patiently, what: 'signature on the board at B' })
    expect(signatureOnB()!.signerName).not.toBe('')
    expect(isCurrent(contentOnB.doc, signatureOnB()!)).toBe(true)
    await waitFor(() => readRecordStatus(recordOnB.doc)?.status === 'cosigned', { ...patiently, what: 'mitgezeichnet at B' })

    setFinanceCell(editorOnA.doc, listFinanceRows(editorOnA.doc)[0]!.id, 'need', 2021, 130)
    await waitFor(() => listFinanceRows(contentOnB.doc)[0]!.need[2021] === 130, { ...patiently, what: 'finance edit at B' })
    expect(isCurrent(contentOnB.doc, signatureOnB()!)).toBe(false)
    // The status the storing instance re-judged reaches B's record too.
    await waitFor(() => readRecordStatus(recordOnB.doc)?.status === 'cosigning', { ...patiently, what: 'back in Mitzeichnung at B' })
  })

  it('a sign-out on A closes that session’s socket on B at once; involving a department on A reopens its read-only socket on B', async () => {
    const id = await newProposal('Rechte über Instanzen')
    const cookie = await signIn(a.url, 'akr.lead')
    const closes: number[] = []
    const leaving = connectClient(b.wsUrl, id, { cookie })
    leaving.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code))
    await waitFor(() => leaving.provider.synced, { ...patiently, what: 'socket on B' })
    const reader = await cluster.connect(b, id, 'jobcenter.editor')
    const readerCloses: number[] = []
    reader.provider.on('connection-close', (event: CloseEvent | null) => event && readerCloses.push(event.code))

    const logout = await fetch(`${a.url}/api/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' })
    expect(logout.status).toBe(200)
    await waitFor(() => closes.includes(CloseCode.sessionEnded), { ...patiently, what: 'socket on B closed with 4401' })
    leaving.destroy()

    const started = await cluster.api(a, 'sozialamt.lead').post(`/proposals/${id}/cosigning`, {
      departments: [{ departmentId: 'jobcenter', sections: ['finance'] }],
    })
    expect(started.status).toBe(200)
    await waitFor(() => readerCloses.includes(CloseCode.rightsChanged), { ...patiently, what: 'read-only socket on B told to reconnect' })
  })

  it('presence crosses instances with the identity the first instance stamped, and leaves with its client', async () => {
    const id = await newProposal('Anwesenheit')
    const onA = await cluster.connect(a, id, 'sozialamt.editor')
    const onB = await cluster.connect(b, id, 'akr.lead')
    const position = { type: null, tname: 'body', item: null, assoc: 0 }
    const cursor = { anchor: position, head: position }
    onA.provider.awareness.setLocalState({ user: { name: 'Oberbürgermeister', department: 'wfb', color: '#1d5fa8' }, cursor })
    type State = { user?: { name: string; department: string; color: string; id: string }; cursor?: unknown }
    const seenOnB = () => onB.provider.awareness.getStates().get(onA.doc.clientID) as State | undefined
    await waitFor(() => seenOnB()?.cursor, { ...patiently, what: 'presence of A at B' })
    expect(seenOnB()!.cursor).toEqual(cursor)
    expect(seenOnB()!.user).toEqual({ name: 'Jonas Weber', department: 'sozialamt', color: '#1d5fa8', id: expect.any(String) })

    onA.provider.disconnect()
    await waitFor(() => !onB.provider.awareness.getStates().has(onA.doc.clientID), { ...patiently, what: 'presence removed at B' })
  })

  it('an update whose message was lost is read back from the database: on the next message (a gap) and when Redis reconnects', async () => {
    const id = await newProposal('Verpasste Nachrichten')
    const onA = await cluster.connect(a, id, 'sozialamt.editor')
    const onB = await cluster.connect(b, id, 'sozialamt.lead')
    type(onA.doc, 'Anfang. ')
    await waitFor(() => readBodyText(onB.doc).includes('Anfang.'), { ...patiently, what: 'first edit at B' })

    // An update stored by an instance that died before it could publish: in the database, never on Redis.
    const storeWithoutMessage = (text: string) => {
      const copy = new Y.Doc()
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(onA.doc))
      const before = Y.encodeStateVector(copy)
      type(copy, text)
      return cluster.storeUnannounced(id, Y.encodeStateAsUpdate(copy, before))
    }

    await storeWithoutMessage('verpasst. ')
    // The next stored edit's message says what came before it: both instances see the gap and read it back.
    type(onB.doc, 'danach. ')
    for (const client of [onA, onB]) {
      await waitFor(() => readBodyText(client.doc).includes('verpasst.') && readBodyText(client.doc).includes('danach.'), { ...patiently, what: 'gap filled' })
    }

    await storeWithoutMessage('während der Funkstille. ')
    // Both subscriptions drop: each instance reads back what it may have missed once it is subscribed again.
    expect(await cluster.redis.command('CLIENT', 'KILL', 'TYPE', 'pubsub')).toMatch(/^:[1-9]/)
    for (const client of [onA, onB]) {
      await waitFor(() => readBodyText(client.doc).includes('während der Funkstille.'), { ...patiently, what: 'caught up after reconnect' })
    }
    expect(readBodyText(onA.doc)).toBe(readBodyText(onB.doc))

    // While unsubscribed, an instance also polls the database every 2 s: on a slow machine that poll can bring
    // the edit before the subscription is back, so wait for the reconnect's own catch-up.
    const metricsOfB = async () => (await fetch(`${b.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text()
    let metrics = ''
    await waitFor(async () => /mz_catch_ups_total\{reason="reconnect"\} [1-9]/.test((metrics = await metricsOfB())), {
      ...patiently,
      what: 'B caught up on resubscribing',
    })
    expect(metrics).toMatch(/mz_catch_ups_total\{reason="gap"\} [1-9]/)
    expect(metrics).toMatch(/mz_redis_lag_seconds_count [1-9]/)
    expect(metrics).toMatch(/mz_redis_connected 1/)
  })

  it('/api/health names the instance and reports its database and Redis', async () => {
    for (const [instance, name] of [[a, 'instance-a'], [b, 'instance-b']] as const) {
      const health = (await (await fetch(`${instance.url}/api/health`)).json()) as Record<string, unknown>
      expect(health).toMatchObject({ status: 'ok', instance: name, database: { state: 'ok' }, redis: { state: 'ready' }, otherInstances: 1 })
    }
  })
})
