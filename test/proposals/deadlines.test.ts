// Deadlines of the co-signing round against a real server with a clock the test moves: set per
// department when the round starts, projected into the record, passed once the clock is past them,
// told once, and extended by the lead with an audit entry.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readDeadlines, type RecordDeadline } from '../../shared/record'
import type { NotificationList } from '../../shared/notifications'
import type { AuditEntry } from '../../shared/api-responses'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'
import { waitFor } from '../helpers/wait'

/** A Monday morning in Stuttgart. */
const monday = '2025-11-03T10:00:00+01:00'

describe('co-signing deadlines', () => {
  let world: SignedInServer
  const api = (user: string) => world.api(user)

  beforeAll(async () => {
    world = await startSignedInServer(['sozialamt.lead', 'akr.lead', 'wfb.lead', 'wfb.editor'])
  })
  afterEach(() => world.destroyClients())
  afterAll(() => world.stop())

  async function roundWithDeadlines() {
    world.server.clock.set(monday)
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Pakt für Integration', template: 'pakt-949-2019' })
    const started = await api('sozialamt.lead').post(`/proposals/${body.id}/cosigning`, {
      departments: [{ departmentId: 'akr' }, { departmentId: 'wfb', sections: ['finance'], due: '2025-11-05' }],
    })
    expect(started.status).toBe(200)
    const record = await world.connect(`${body.id}/record`, 'sozialamt.lead')
    const deadline = (departmentId: string) => readDeadlines(record.doc).find((d) => d.departmentId === departmentId)
    return { id: body.id, deadline }
  }

  const kinds = async (user: string, proposalId: string) =>
    (await api(user).get<NotificationList>('/me/notifications')).body.entries.filter((n) => n.proposalId === proposalId).map((n) => n.kind)

  it('gives each department its deadline (default: 10 working days), passes it when the clock does, and tells the department once', async () => {
    const { id, deadline } = await roundWithDeadlines()
    // Monday 3 November plus ten working days is Monday 17 November; WFB's was chosen.
    await waitFor(() => deadline('akr') && deadline('wfb'), { what: 'deadlines in the record' })
    expect(deadline('akr')).toEqual({ departmentId: 'akr', due: '2025-11-17', passed: false, soon: false, extended: false } satisfies RecordDeadline)
    expect(deadline('wfb')).toMatchObject({ due: '2025-11-05', passed: false, soon: true })

    await world.server.runScheduledWork()
    expect(await kinds('wfb.editor', id)).toEqual(['deadline-soon', 'round-started'])
    expect(await kinds('akr.lead', id)).toEqual(['round-started'])

    // Thursday: WFB's deadline (Wednesday) has passed; AKR's has not.
    world.server.clock.set('2025-11-06T08:00:00+01:00')
    await world.server.runScheduledWork()
    await waitFor(() => deadline('wfb')?.passed, { what: 'WFB overdue' })
    expect(deadline('akr')?.passed).toBe(false)
    await world.server.runScheduledWork()
    expect(await kinds('wfb.editor', id)).toEqual(['deadline-passed', 'deadline-soon', 'round-started'])
    // The leading department's lead is told too: it has to chase.
    expect(await kinds('sozialamt.lead', id)).toEqual(['deadline-passed'])
  })

  it('a department that signed is not reminded, and its deadline is not overdue for it', async () => {
    const { id } = await roundWithDeadlines()
    expect((await api('wfb.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)
    world.server.clock.set('2025-11-10T08:00:00+01:00')
    await world.server.runScheduledWork()
    expect(await kinds('wfb.editor', id)).toEqual(['round-started'])
  })

  it('the lead extends a deadline to a later day: no longer passed, marked extended, audited; earlier or by others is refused', async () => {
    const { id, deadline } = await roundWithDeadlines()
    world.server.clock.set('2025-11-07T08:00:00+01:00')
    await world.server.runScheduledWork()
    await waitFor(() => deadline('wfb')?.passed, { what: 'WFB overdue' })

    const earlier = await api('sozialamt.lead').post(`/proposals/${id}/deadlines`, { departmentId: 'wfb', due: '2025-11-04' })
    expect(earlier.status).toBe(400)
    expect(await api('wfb.lead').post(`/proposals/${id}/deadlines`, { departmentId: 'wfb', due: '2025-11-20' })).toMatchObject({ status: 403 })
    expect(await api('sozialamt.lead').post(`/proposals/${id}/deadlines`, { departmentId: 'jobcenter', due: '2025-11-20' })).toMatchObject({ status: 404 })
    expect(await api('sozialamt.lead').post(`/proposals/${id}/deadlines`, { departmentId: 'wfb', due: '20.11.2025' })).toMatchObject({ status: 400 })

    expect((await api('sozialamt.lead').post(`/proposals/${id}/deadlines`, { departmentId: 'wfb', due: '2025-11-12' })).status).toBe(200)
    await waitFor(() => deadline('wfb')?.due === '2025-11-12', { what: 'the new deadline' })
    expect(deadline('wfb')).toMatchObject({ passed: false, extended: true })
    const audit = (await api('sozialamt.lead').get<AuditEntry[]>(`/proposals/${id}/audit`)).body
    expect(audit.at(-1)).toMatchObject({ action: 'deadline extended', userName: 'Sabine Krüger', detail: { departmentId: 'wfb', from: '2025-11-05', to: '2025-11-12' } })
  })

  it('reopening restarts the round: every department gets a new deadline from the reopening day and is told', async () => {
    const { id, deadline } = await roundWithDeadlines()
    await api('sozialamt.lead').post(`/proposals/${id}/release`, { override: { reason: 'Eilbedürftig wegen Ratssitzung' } })
    world.server.clock.set('2025-12-01T09:00:00+01:00')
    expect((await api('sozialamt.lead').post(`/proposals/${id}/reopen`)).status).toBe(200)
    await waitFor(() => deadline('wfb')?.due === '2025-12-15', { what: 'the new deadlines' })
    expect(deadline('akr')).toMatchObject({ due: '2025-12-15', passed: false, extended: false })
    expect((await kinds('wfb.editor', id)).slice(0, 2)).toEqual(['round-started', 'released'])
  })

  it('refuses a deadline in the past when the round starts', async () => {
    world.server.clock.set(monday)
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Frist' })
    const started = await api('sozialamt.lead').post(`/proposals/${body.id}/cosigning`, { departments: [{ departmentId: 'akr', due: '2025-10-31' }] })
    expect(started).toMatchObject({ status: 400, body: { error: expect.stringContaining('past') } })
  })
})
