// The release checks against a real server: missing or outdated signatures refuse a release with the
// list of what is wrong, unless the lead overrides with a reason that the audit entry keeps; open
// points that are not signatures (session dates, threads, objections, signatory) never block.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { listPositions, setHeaderField, updatePosition } from '../../shared/model'
import { readRecordStatus } from '../../shared/record'
import type { ReleaseChecklist } from '../../shared/release-checks'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'
import { waitFor } from '../helpers/wait'

type AuditRow = { action: string; detail: Record<string, unknown> }

describe('release checks', () => {
  let world: SignedInServer
  const api = (user: string) => world.api(user)
  const lead = () => api('sozialamt.lead')

  /** A 949/2019 proposal whose round is started for AKR, signing the positions. */
  async function inCosigning() {
    const { body } = await lead().post<{ id: string }>('/proposals', { title: 'Pakt', template: 'pakt-949-2019' })
    const started = await lead().post(`/proposals/${body.id}/cosigning`, { departments: [{ departmentId: 'akr', sections: ['positions'] }] })
    expect(started.status).toBe(200)
    const record = await world.connect(`${body.id}/record`, 'sozialamt.lead')
    return { id: body.id, status: () => readRecordStatus(record.doc)?.status }
  }

  /** Signed by AKR, then a position changed: the signature is outdated. */
  async function withOutdatedSignature() {
    const proposal = await inCosigning()
    expect((await api('akr.lead').post(`/proposals/${proposal.id}/signatures`, { stance: 'approved' })).status).toBe(200)
    await waitFor(() => proposal.status() === 'cosigned', { what: 'cosigned' })
    const editor = await world.connect(proposal.id, 'sozialamt.editor')
    updatePosition(editor.doc, listPositions(editor.doc)[0]!.id, { fte: 0.25 })
    await waitFor(() => proposal.status() === 'cosigning', { what: 'the signature outdated' })
    return proposal
  }

  const auditOf = async (id: string) => (await lead().get<AuditRow[]>(`/proposals/${id}/audit`)).body
  const statusOf = async (id: string) => (await lead().get<{ status: string }>(`/proposals/${id}`)).body.status

  beforeAll(async () => {
    world = await startSignedInServer(['sozialamt.lead', 'sozialamt.editor', 'akr.lead'])
  })
  afterEach(() => world.destroyClients())
  afterAll(() => world.stop())

  it('a release with an outdated signature is refused with 409 listing it, and changes nothing', async () => {
    const { id } = await withOutdatedSignature()
    const refused = await lead().post<{ error: string; checklist: ReleaseChecklist }>(`/proposals/${id}/release`)
    expect(refused.status).toBe(409)
    expect(refused.body.checklist.hard).toEqual([{ kind: 'signature-outdated', departmentId: 'akr', voided: false }])
    expect(await statusOf(id)).toBe('cosigning')
    expect((await auditOf(id)).map((e) => e.action)).not.toContain('released')
  })

  it('a release with a missing signature is refused with 409 listing the department', async () => {
    const { id } = await inCosigning()
    const refused = await lead().post<{ checklist: ReleaseChecklist }>(`/proposals/${id}/release`, {})
    expect(refused.status).toBe(409)
    expect(refused.body.checklist.hard).toEqual([{ kind: 'signature-missing', departmentId: 'akr' }])
  })

  it('an override with a reason releases despite the outdated signature; the audit entry keeps the reason and the problems', async () => {
    const { id, status } = await withOutdatedSignature()
    const reason = 'Eilentscheidung: AKR hat telefonisch zugestimmt.'
    expect((await lead().post(`/proposals/${id}/release`, { override: { reason } })).status).toBe(200)
    await waitFor(() => status() === 'released', { what: 'released' })
    const released = (await auditOf(id)).filter((e) => e.action === 'released')
    expect(released).toHaveLength(1)
    expect(released[0]!.detail.override).toEqual({ reason, problems: [{ kind: 'signature-outdated', departmentId: 'akr', voided: false }] })
    const versions = await lead().get<{ origin: string }[]>(`/proposals/${id}/versions`)
    expect(versions.body.map((v) => v.origin)).toEqual(['release'])
  })

  it('an override reason shorter than 10 characters is refused with 400, and the proposal stays unreleased', async () => {
    const { id } = await withOutdatedSignature()
    const refused = await lead().post<{ error: string }>(`/proposals/${id}/release`, { override: { reason: '  eilig   ' } })
    expect(refused.status).toBe(400)
    expect(refused.body.error).toMatch(/override\.reason/)
    expect((await lead().post(`/proposals/${id}/release`, { override: {} })).status).toBe(400)
    expect(await statusOf(id)).toBe('cosigning')
  })

  it('soft problems never block: empty session dates, an open thread, an objection and no signatory are released and logged', async () => {
    const { id, status } = await inCosigning()
    const editor = await world.connect(id, 'sozialamt.editor')
    setHeaderField(editor.doc, 'signatory', '')
    const thread = await api('sozialamt.editor').post<{ id: string }>(`/proposals/${id}/threads`, { anchor: { kind: 'proposal' }, text: 'Ist die Deckung geklärt?' })
    expect(thread.status).toBe(201)
    // Sign after the content change has been stored, so the signature covers it.
    await waitFor(() => storedSignatoryIsEmpty(id), { what: 'the cleared signatory stored' })
    expect((await api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'objection', remark: 'Stellenplan nicht abgestimmt.' })).status).toBe(200)
    await waitFor(() => status() === 'cosigned', { what: 'cosigned' })

    expect((await lead().post(`/proposals/${id}/release`)).status).toBe(200)
    await waitFor(() => status() === 'released', { what: 'released' })
    const entry = (await auditOf(id)).find((e) => e.action === 'released')!
    expect(entry.detail.override).toBeUndefined()
    const unresolved = entry.detail.unresolved as { kind: string }[]
    expect(unresolved).toEqual(
      expect.arrayContaining([
        { kind: 'objection', departmentId: 'akr', remark: 'Stellenplan nicht abgestimmt.' },
        expect.objectContaining({ kind: 'session-date-empty', committee: 'Verwaltungsausschuss' }),
        expect.objectContaining({ kind: 'session-date-empty', committee: 'Gemeinderat' }),
        { kind: 'thread-open', threadId: thread.body.id, excerpt: 'Ist die Deckung geklärt?' },
        { kind: 'no-signatory' },
      ]),
    )
    expect(unresolved).toHaveLength(5)
  })

  /** The server's own checklist (of a release it refuses: AKR has not signed yet) sees no signatory. */
  async function storedSignatoryIsEmpty(id: string): Promise<boolean> {
    const refused = await lead().post<{ checklist?: ReleaseChecklist }>(`/proposals/${id}/release`)
    return refused.status === 409 && !!refused.body.checklist?.soft.some((p) => p.kind === 'no-signatory')
  }
})
