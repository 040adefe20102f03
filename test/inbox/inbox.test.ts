// A person's inbox against a real server: what their department owes (overdue first), its outdated
// signatures, mentions and answers, and what their own proposals wait for; and the live channel that
// tells an open app to refresh.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Inbox, InboxEntry } from '../../shared/inbox'
import { listPositions, updatePosition } from '../../shared/model'
import { signIn } from '../helpers/clients'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'
import { waitFor } from '../helpers/wait'

describe('the inbox', () => {
  let world: SignedInServer
  const api = (user: string) => world.api(user)
  const inbox = async (user: string) => (await api(user).get<Inbox>('/me/inbox')).body
  const entriesOf = async (user: string, ids: string[]) => (await inbox(user)).entries.filter((e) => ids.includes(e.proposalId))

  beforeAll(async () => {
    world = await startSignedInServer(['sozialamt.lead', 'sozialamt.editor', 'akr.lead', 'akr.editor', 'wfb.lead'])
  })
  afterEach(() => world.destroyClients())
  afterAll(() => world.stop())

  async function round(title: string, akrDue: string) {
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title, template: 'pakt-949-2019' })
    await api('sozialamt.lead').post(`/proposals/${body.id}/cosigning`, {
      departments: [{ departmentId: 'akr', sections: ['positions'], due: akrDue }, { departmentId: 'wfb', due: '2025-11-20' }],
    })
    return body.id
  }

  it('lists what my department owes, overdue first; outdated signatures; mentions; answers; and what my proposals wait for', async () => {
    world.server.clock.set('2025-11-03T10:00:00+01:00')
    const later = await round('Später fällig', '2025-11-14')
    const sooner = await round('Bald fällig', '2025-11-05')
    const signed = await round('Schon gezeichnet', '2025-11-10')
    expect((await api('akr.lead').post(`/proposals/${signed}/signatures`, { stance: 'approved' })).status).toBe(200)
    world.server.clock.set('2025-11-07T10:00:00+01:00')
    const ids = [later, sooner, signed]

    expect((await entriesOf('akr.editor', ids)).map((e) => [e.kind, e.proposalId])).toEqual([
      ['awaiting', sooner],
      ['awaiting', later],
    ])
    const [overdue] = await entriesOf('akr.editor', ids)
    expect(overdue).toMatchObject({ title: 'Bald fällig', due: '2025-11-05', passed: true, href: `/p/${sooner}#cosign-akr` })

    // A change to AKR's positions outdates its signature.
    const editor = await world.connect(signed, 'sozialamt.editor')
    updatePosition(editor.doc, listPositions(editor.doc)[0]!.id, { note: 'neu' })
    await waitFor(async () => (await entriesOf('akr.lead', [signed]))[0]?.kind === 'outdated', { what: 'the outdated signature' })

    // A mention of AKR, and a thread AKR's lead wrote in that got an answer.
    const { body: mention } = await api('sozialamt.editor').post<{ id: string }>(`/proposals/${later}/threads`, { anchor: { kind: 'proposal' }, text: 'Bitte @AKR prüfen' })
    const { body: own } = await api('akr.lead').post<{ id: string }>(`/proposals/${later}/threads`, { anchor: { kind: 'proposal' }, text: 'Frage an WFB' })
    await api('wfb.lead').post(`/proposals/${later}/threads/${own.id}/replies`, { text: 'Antwort von WFB' })
    const threads = (await entriesOf('akr.lead', [later])).filter((e) => e.kind === 'mention' || e.kind === 'reply')
    expect(threads).toMatchObject([
      { kind: 'reply', threadId: own.id, authorName: 'Thomas Maier', excerpt: 'Antwort von WFB', href: `/p/${later}#thread-${own.id}` },
      { kind: 'mention', threadId: mention.id, authorName: 'Jonas Weber', excerpt: 'Bitte @AKR prüfen' },
    ])
    // Answering or resolving takes them out.
    await api('akr.lead').post(`/proposals/${later}/threads/${own.id}/replies`, { text: 'Danke' })
    await api('akr.editor').post(`/proposals/${later}/threads/${mention.id}/resolve`)
    expect((await entriesOf('akr.lead', [later])).map((e) => e.kind)).toEqual(['awaiting'])

    // The leading department sees what each proposal waits for, overdue first.
    const waiting = (await entriesOf('sozialamt.lead', ids)).filter((e): e is Extract<InboxEntry, { kind: 'waiting' }> => e.kind === 'waiting')
    expect(waiting.map((e) => e.proposalId)).toEqual([sooner, signed, later])
    expect(waiting[0]!.departments).toEqual([
      { departmentId: 'akr', state: 'pending', due: '2025-11-05', passed: true, soon: false },
      { departmentId: 'wfb', state: 'pending', due: '2025-11-20', passed: false, soon: false },
    ])
    expect(waiting[1]!.departments.map((d) => [d.departmentId, d.state])).toEqual([['akr', 'outdated'], ['wfb', 'pending']])
    expect(waiting[0]!.href).toBe(`/p/${sooner}#section-cosign`)
  })

  it('the live channel tells an open app when a colleague mentions the department, and ends with the session', async () => {
    const id = await round('Live', '2099-01-01')
    const cookie = await signIn(world.server.url, 'akr.lead')
    const response = await fetch(`${world.server.url}/api/me/events`, { headers: { cookie } })
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const reader = response.body!.getReader()
    let received = ''
    const until = async (what: string) => {
      while (!received.includes(what)) {
        const { value, done } = await reader.read()
        if (done) return false
        received += new TextDecoder().decode(value)
      }
      return true
    }
    expect(await until('event: ready')).toBe(true)
    await api('sozialamt.editor').post(`/proposals/${id}/threads`, { anchor: { kind: 'proposal' }, text: '@AKR bitte schauen' })
    expect(await until('event: changed')).toBe(true)

    // Signing out ends the stream.
    await fetch(`${world.server.url}/api/logout`, { method: 'POST', headers: { cookie } })
    while (!(await reader.read()).done);
  })

  it('refuses the channel and the inbox without a session', async () => {
    expect((await fetch(`${world.server.url}/api/me/events`)).status).toBe(401)
    expect((await fetch(`${world.server.url}/api/me/inbox`)).status).toBe(401)
  })
})
