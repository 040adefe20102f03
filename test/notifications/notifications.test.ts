// In-app notifications against a real server: who is told of a round start, a mention (of a department
// or a person), a reply, an outdated signature and a release; each person's settings; unread and read.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { listPositions, updatePosition } from '../../shared/model'
import type { NotificationList, NotificationSettings } from '../../shared/notifications'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'
import { waitFor } from '../helpers/wait'

describe('notifications in the app', () => {
  let world: SignedInServer
  const api = (user: string) => world.api(user)
  const users = ['sozialamt.lead', 'sozialamt.editor', 'akr.lead', 'akr.editor', 'wfb.lead', 'wfb.editor', 'jobcenter.lead']

  beforeAll(async () => {
    world = await startSignedInServer(users)
  })
  afterEach(() => world.destroyClients())
  afterAll(() => world.stop())

  async function proposalInCosigning() {
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Pakt für Integration', template: 'pakt-949-2019' })
    await api('sozialamt.lead').post(`/proposals/${body.id}/cosigning`, { departments: [{ departmentId: 'akr', sections: ['positions'] }, { departmentId: 'wfb' }] })
    return body.id
  }
  const list = async (user: string) => (await api(user).get<NotificationList>('/me/notifications')).body
  const of = async (user: string, proposalId: string) => (await list(user)).entries.filter((n) => n.proposalId === proposalId)

  it('tells the involved departments the round started, and nobody else; the lead who started it neither', async () => {
    const id = await proposalInCosigning()
    const [akr] = await of('akr.editor', id)
    expect(akr).toMatchObject({ kind: 'round-started', read: false, href: `/p/${id}#cosign-akr`, detail: { departmentId: 'akr', actorName: 'Sabine Krüger' } })
    expect(akr!.detail.due).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect((await of('wfb.lead', id)).map((n) => n.kind)).toEqual(['round-started'])
    expect(await of('jobcenter.lead', id)).toEqual([])
    expect(await of('sozialamt.lead', id)).toEqual([])
  })

  it('a mention reaches the department and the person named; a reply reaches who wrote in the thread, once', async () => {
    const id = await proposalInCosigning()
    const { body: thread } = await api('sozialamt.editor').post<{ id: string }>(`/proposals/${id}/threads`, {
      anchor: { kind: 'proposal' },
      text: 'Bitte prüfen @AKR, und @wfb.lead.',
    })
    const mention = (await of('akr.editor', id)).find((n) => n.kind === 'mention')
    expect(mention).toMatchObject({ href: `/p/${id}#thread-${thread.id}`, detail: { actorName: 'Jonas Weber', excerpt: 'Bitte prüfen @AKR, und @wfb.lead.' } })
    expect((await of('wfb.lead', id)).map((n) => n.kind)).toEqual(['mention', 'round-started'])
    expect((await of('wfb.editor', id)).map((n) => n.kind)).toEqual(['round-started'])

    // AKR's lead answers: the editor who started the thread hears of it as a reply; AKR's lead not at all.
    await api('akr.lead').post(`/proposals/${id}/threads/${thread.id}/replies`, { text: 'Geprüft.' })
    expect((await of('sozialamt.editor', id)).map((n) => n.kind)).toEqual(['reply'])
    expect((await of('akr.lead', id)).map((n) => n.kind)).toEqual(['mention', 'round-started'])
    // The editor answers and mentions AKR again: AKR's lead wrote in the thread and is mentioned — one notification.
    await api('sozialamt.editor').post(`/proposals/${id}/threads/${thread.id}/replies`, { text: 'Danke @AKR' })
    expect((await of('akr.lead', id)).map((n) => n.kind)).toEqual(['mention', 'mention', 'round-started'])
  })

  it('a change to signed sections tells the department its signature is outdated, once; a release tells every department', async () => {
    const id = await proposalInCosigning()
    expect((await api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)
    const editor = await world.connect(id, 'sozialamt.editor')
    const position = listPositions(editor.doc)[0]!
    updatePosition(editor.doc, position.id, { note: 'geändert' })
    await waitFor(async () => (await of('akr.editor', id)).some((n) => n.kind === 'signature-outdated'), { what: 'outdated notification' })
    // The list entry's time moves once the server has judged the second change too.
    const updatedAt = async () => (await api('sozialamt.lead').get<{ updatedAt: string }>(`/proposals/${id}`)).body.updatedAt
    const before = await updatedAt()
    updatePosition(editor.doc, position.id, { note: 'noch einmal geändert' })
    await waitFor(async () => (await updatedAt()) > before, { what: 'the second change judged' })
    expect((await of('akr.editor', id)).filter((n) => n.kind === 'signature-outdated')).toMatchObject([{ href: `/p/${id}#cosign-akr` }])

    expect((await api('sozialamt.lead').post(`/proposals/${id}/release`, { override: { reason: 'Eilbedürftig wegen Ratssitzung' } })).status).toBe(200)
    for (const user of ['akr.editor', 'wfb.editor', 'sozialamt.editor']) expect((await of(user, id))[0]).toMatchObject({ kind: 'released', href: `/p/${id}` })
  })

  it('each person chooses per kind; the unread count falls as they read', async () => {
    const settings = (await api('wfb.editor').get<NotificationSettings>('/me/notification-settings')).body
    expect(settings.emailEnabled).toBe(false)
    expect(settings.email).toBe('wfb.editor@mitzeichnung.invalid')
    expect(settings.settings.find((s) => s.kind === 'mention')).toEqual({ kind: 'mention', inApp: true, email: true })
    expect((await api('wfb.editor').put('/me/notification-settings', { settings: [{ kind: 'mention', inApp: false, email: false }] })).status).toBe(200)
    expect((await api('wfb.editor').put('/me/notification-settings', { settings: [{ kind: 'nonsense', inApp: false, email: false }] })).status).toBe(400)

    const id = await proposalInCosigning()
    await api('sozialamt.editor').post(`/proposals/${id}/threads`, { anchor: { kind: 'proposal' }, text: '@WFB bitte Zahlen prüfen' })
    expect((await of('wfb.editor', id)).map((n) => n.kind)).toEqual(['round-started'])
    expect((await of('wfb.lead', id)).map((n) => n.kind)).toEqual(['mention', 'round-started'])

    const before = await list('wfb.lead')
    expect(before.unread).toBeGreaterThanOrEqual(2)
    const [newest] = before.entries
    expect((await api('wfb.lead').post('/me/notifications/read', { ids: [newest!.id] })).status).toBe(200)
    const after = await list('wfb.lead')
    expect(after.unread).toBe(before.unread - 1)
    expect(after.entries[0]!.read).toBe(true)
    // Someone else's notification cannot be marked read.
    await api('wfb.editor').post('/me/notifications/read', { ids: [before.entries[1]!.id] })
    expect((await list('wfb.lead')).unread).toBe(after.unread)
    await api('wfb.lead').post('/me/notifications/read', { all: true })
    expect((await list('wfb.lead')).unread).toBe(0)
    expect((await api('wfb.lead').post('/me/notifications/read', { ids: [] })).status).toBe(400)
  })
})
