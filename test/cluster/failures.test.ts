// Failures of a part of the cluster, with real processes on one PostgreSQL database: an instance killed
// with -9 while clients type on both, and Redis killed and started again mid-edit. Nothing any client
// saw is lost; all converge.
import { afterEach, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { readBodyText } from '../../shared/model'
import { bodyText, connectSynced, type Client } from '../helpers/clients'
import { describeClusters, startCluster, type TestCluster } from '../helpers/cluster'
import type { ServerProcess } from '../helpers/server-process'
import { waitFor } from '../helpers/wait'

const patiently = { timeoutMs: 30_000 }
const type = (doc: Y.Doc, text: string) => bodyText(doc).insert(bodyText(doc).length, text)
const hasAll = (doc: Y.Doc, markers: string[]) => markers.every((marker) => readBodyText(doc).includes(marker))
const redisState = async (instance: ServerProcess) => ((await (await fetch(`${instance.url}/api/health`)).json()) as { redis: { state: string } }).redis.state

// PostgreSQL only: the backend several instances are meant for; cluster.test.ts covers the shared SQLite file.
describeClusters('a failing part of the cluster', (backend) => {
  let cluster: TestCluster | undefined
  const extra: Client[] = []
  afterEach(async () => {
    for (const client of extra.splice(0)) client.destroy()
    await cluster?.stop()
    cluster = undefined
  })

  it('kill -9 of one of two instances while clients type on both: its clients move to the other and nothing anyone saw is lost', { timeout: 180_000 }, async () => {
    cluster = await startCluster(['sozialamt.editor', 'sozialamt.lead'], { backend })
    const [a, b] = cluster.instances as [ServerProcess, ServerProcess]
    const { body } = await cluster.api(a, 'sozialamt.editor').post<{ id: string }>('/proposals', { title: 'Absturz' })
    const id = body.id
    const onA = await cluster.connect(a, id, 'sozialamt.editor')
    const onB = await cluster.connect(b, id, 'sozialamt.lead')
    const typed: string[] = []

    // Typing on both, each edit seen across before the next…
    for (let round = 0; round < 8; round++) {
      for (const [client, name] of [[onA, 'a'], [onB, 'b']] as const) {
        const marker = `${name}${round}; `
        type(client.doc, marker)
        typed.push(marker)
      }
      await waitFor(() => hasAll(onA.doc, typed) && hasAll(onB.doc, typed), { ...patiently, what: `round ${round} on both` })
    }
    // …then edits still in flight when A dies.
    type(onA.doc, 'a-im-Flug; ')
    type(onB.doc, 'b-im-Flug; ')
    typed.push('a-im-Flug; ', 'b-im-Flug; ')
    await a.kill9()
    const seenAtKill = [readBodyText(onA.doc), readBodyText(onB.doc)]

    // A's client keeps typing offline, B's client online; then A's client is pointed at B.
    type(onA.doc, 'a-offline; ')
    type(onB.doc, 'b-danach; ')
    typed.push('a-offline; ', 'b-danach; ')
    onA.provider.serverUrl = b.wsUrl
    await waitFor(() => onA.provider.wsconnected && onA.provider.synced, { ...patiently, what: "A's client connected to B" })
    await waitFor(() => hasAll(onA.doc, typed) && hasAll(onB.doc, typed), { ...patiently, what: 'every edit on both clients' })
    expect(readBodyText(onA.doc)).toBe(readBodyText(onB.doc))

    // What each client saw is in the document everyone has, and on disk.
    const finalText = readBodyText(onB.doc)
    for (const seen of seenAtKill) for (const marker of typed.filter((m) => seen.includes(m))) expect(finalText).toContain(marker)
    await waitFor(async () => readBodyText((await cluster!.storedDoc(id)).doc) === finalText, { ...patiently, what: 'everything stored' })
    const fresh = await connectSynced(b.wsUrl, id, cluster.cookies['sozialamt.lead']!)
    extra.push(fresh)
    expect(readBodyText(fresh.doc)).toBe(finalText)
  })

  it('Redis killed and started again mid-edit: each instance serves its own clients meanwhile, catches up, and all converge', { timeout: 180_000 }, async () => {
    cluster = await startCluster(['sozialamt.editor', 'sozialamt.lead', 'akr.lead'], { backend })
    const [a, b] = cluster.instances as [ServerProcess, ServerProcess]
    const { body } = await cluster.api(a, 'sozialamt.editor').post<{ id: string }>('/proposals', { title: 'Ohne Redis' })
    const id = body.id
    const onA = await cluster.connect(a, id, 'sozialamt.editor')
    const alsoOnA = await cluster.connect(a, id, 'akr.lead')
    const onB = await cluster.connect(b, id, 'sozialamt.lead')
    type(onA.doc, 'vorher; ')
    await waitFor(() => hasAll(onB.doc, ['vorher; ']), { ...patiently, what: 'first edit at B' })

    await cluster.redis.kill()
    await waitFor(async () => (await redisState(a)) === 'connecting' && (await redisState(b)) === 'connecting', { ...patiently, what: 'both see Redis gone' })
    type(onA.doc, 'a-ohne-Redis; ')
    type(onB.doc, 'b-ohne-Redis; ')
    // A still serves its own clients at once.
    await waitFor(() => hasAll(alsoOnA.doc, ['a-ohne-Redis; ']), { ...patiently, what: "A's other client served without Redis" })
    const health = (await (await fetch(`${a.url}/api/health`)).json()) as Record<string, unknown>
    expect(health).toMatchObject({ status: 'degraded', database: { state: 'ok' }, redis: { state: 'connecting' } })

    await cluster.redis.start()
    await cluster.waitForRedis()
    type(onB.doc, 'b-wieder-da; ')
    const all = ['vorher; ', 'a-ohne-Redis; ', 'b-ohne-Redis; ', 'b-wieder-da; ']
    for (const client of [onA, alsoOnA, onB]) await waitFor(() => hasAll(client.doc, all), { ...patiently, what: 'every edit everywhere' })
    expect(readBodyText(onA.doc)).toBe(readBodyText(onB.doc))
    expect(readBodyText(alsoOnA.doc)).toBe(readBodyText(onB.doc))
  })
}, ['postgres'])
