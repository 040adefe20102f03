// One storage fault from start to recovery, whatever the fault (a locked file, a full disk, PostgreSQL
// out of reach): writes are refused loudly, nothing unstored is acknowledged, and nothing is lost.
import { expect } from 'vitest'
import { titleText } from '../../shared/model'
import { appendLargeBody, connectClient, connectSynced, createProposal, signIn } from '../helpers/clients'
import { readStoredDocOf } from '../helpers/database'
import { waitFor } from '../helpers/wait'

type Health = { status: string; storeErrors: { room: string; error: string }[] }

export type RunningServer = { url: string; wsUrl: string; output(): string }
export type StorageFault = {
  start(): Promise<void>
  end(): Promise<void>
  error: RegExp
  /**
   * A full disk: characters the edit made during the fault carries besides its words, more than the room SQLite
   * can still reuse. A small write may still fit there, and is then stored and rightly acknowledged.
   */
  bulk?(): number
}

const health = async (server: RunningServer) => (await (await fetch(`${server.url}/api/health`)).json()) as Health

const createProposalStatus = async (server: RunningServer, cookie: string, title: string) =>
  (
    await fetch(`${server.url}/api/proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ title }),
    })
  ).status

/** `stored` says where the server keeps its data, so the test reads the disk, not the server. */
export async function writesSurvive(server: RunningServer, stored: { dataDir: string; databaseUrl?: string }, fault: StorageFault) {
  const cookie = await signIn(server.url, 'sozialamt.editor')
  const { id } = await createProposal(server.url, cookie, 'Vorher')
  const writer = connectClient(server.wsUrl, id, { cookie })
  const closes: number[] = []
  writer.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
  await waitFor(() => writer.provider.synced)
  const reader = await connectSynced(server.wsUrl, id, cookie)
  try {
    await fault.start()
    const bulk = fault.bulk?.() ?? 0
    // One transaction: one update, refused or stored as a whole.
    writer.doc.transact(() => {
      titleText(writer.doc).insert(titleText(writer.doc).length, ' – während der Störung')
      if (bulk > 0) appendLargeBody(writer.doc, 'Anlage während der Störung', bulk)
    })
    await waitFor(() => closes.includes(4503), { what: 'the writer told that storage is unavailable', timeoutMs: 15_000 })
    const degraded = await health(server)
    expect(degraded.status).toBe('degraded')
    expect(degraded.storeErrors[0]?.error).toMatch(fault.error)
    expect(server.output()).toContain('storing updates failed')
    const duringFault = await fetch(`${server.url}/api/proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ title: 'Neu während der Störung' }),
    })
    // Acknowledged means stored: checked below, once storage is back.
    const createdDuringFault = bulk > 0 && duringFault.status === 201 ? ((await duringFault.json()) as { id: string }).id : undefined
    if (!createdDuringFault) {
      expect(duringFault.status).toBe(503)
      expect(((await duringFault.json()) as { error: string }).error).toMatch(/^storage unavailable, nothing was saved/)
    }
    // Not acknowledged: nobody else saw it, the writer still has it.
    expect(titleText(reader.doc).toString()).toBe('Vorher')
    expect(titleText(writer.doc).toString()).toBe('Vorher – während der Störung')

    await fault.end()
    await waitFor(() => titleText(reader.doc).toString() === 'Vorher – während der Störung', {
      what: 'the edit arriving once storage is back',
      timeoutMs: 20_000,
    })
    await waitFor(async () => (await health(server)).status === 'ok', { what: 'health ok again', timeoutMs: 10_000 })
    expect(await createProposalStatus(server, cookie, 'Nach der Störung')).toBe(201)
    if (createdDuringFault) expect((await fetch(`${server.url}/api/proposals/${createdDuringFault}`, { headers: { cookie } })).status).toBe(200)
    titleText(writer.doc).insert(0, 'Danach: ')
    const fresh = await connectSynced(server.wsUrl, id, cookie)
    await waitFor(() => titleText(fresh.doc).toString() === 'Danach: Vorher – während der Störung', { what: 'fresh client' })
    fresh.destroy()
    await waitFor(async () => titleText((await readStoredDocOf(stored, id)).doc).toString() === 'Danach: Vorher – während der Störung', {
      what: 'the edits on disk',
    })
  } finally {
    writer.destroy()
    reader.destroy()
  }
}
