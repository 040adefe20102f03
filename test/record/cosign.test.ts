// The co-signing round against a real server: who may sign, signatures bound to their sections,
// outdated live on a change, status following, release freezing the content.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import type * as Y from 'yjs'
import {
  addFinanceRow,
  bodyFragment,
  listFinanceRows,
  listPositions,
  setFinanceCell,
  setFinanceYears,
  titleText,
  updatePosition,
  type SectionName,
} from '../../shared/model'
import { sectionsHash } from '../../shared/model/content-hash'
import { readRecordStatus, readSignatures, type RecordSignature } from '../../shared/record'
import { connectClient } from '../helpers/clients'
import { readStoredDocOf } from '../helpers/database'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'
import { waitFor } from '../helpers/wait'
import { describeBackends } from '../helpers/services'

const isCurrent = (content: Y.Doc, signature: RecordSignature) =>
  !signature.voided && sectionsHash(content, signature.sections as SectionName[]) === signature.sectionsHash

describeBackends('co-signature', (backend) => {
  let world: SignedInServer
  const api = (user: string) => world.api(user)
  const connect = (room: string, user: string) => world.connect(room, user)

  /** A proposal from the 949/2019 template with a finance row, its round started for AKR and WFB. */
  async function proposalInCosigning() {
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', {
      title: 'Pakt für Integration',
      template: 'pakt-949-2019',
    })
    const editor = await connect(body.id, 'sozialamt.editor')
    editor.doc.transact(() => {
      setFinanceYears(editor.doc, [2020, 2021])
      addFinanceRow(editor.doc, { measure: 'Integrationsmanagement', need: { 2020: 120, 2021: 120 } })
    })
    const started = await api('sozialamt.lead').post(`/proposals/${body.id}/cosigning`, {
      departments: [
        { departmentId: 'akr', sections: ['positions', 'resolution'] },
        { departmentId: 'wfb', sections: ['finance'] },
      ],
    })
    expect(started.status).toBe(200)
    const record = await connect(`${body.id}/record`, 'sozialamt.editor')
    return { id: body.id, editor, record }
  }

  const signatureOf = (record: Y.Doc, departmentId: string) => readSignatures(record).find((s) => s.departmentId === departmentId)

  beforeAll(async () => {
    world = await startSignedInServer(['sozialamt.lead', 'sozialamt.editor', 'jobcenter.lead', 'akr.lead', 'akr.editor', 'wfb.lead'], { backend })
  })
  afterEach(() => world.destroyClients())
  afterAll(() => world.stop())

  it('only a lead of an involved department signs, only for it; a remark is required where the stance needs one', async () => {
    const { id } = await proposalInCosigning()
    const jobcenterForWfb = await api('jobcenter.lead').post(`/proposals/${id}/signatures`, {
      stance: 'approved',
      departmentId: 'wfb',
    })
    expect(jobcenterForWfb.status).toBe(403)
    const editorSigning = await api('akr.editor').post(`/proposals/${id}/signatures`, { stance: 'approved' })
    expect(editorSigning.status).toBe(403)
    const noRemark = await api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'objection' })
    expect(noRemark.status).toBe(400)
    expect(noRemark.body).toEqual({ error: expect.stringMatching(/^remark/) })
    const badStance = await api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'maybe' })
    expect(badStance.status).toBe(400)
    expect(badStance.body).toEqual({ error: expect.stringMatching(/^stance/) })
    expect((await api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'remarks', remark: 'Bitte prüfen.' })).status).toBe(200)
    // Nothing a client sent about who signed counts: the server stamped the session's user.
    const signatures = (await connect(`${id}/record`, 'wfb.lead')).doc
    expect(readSignatures(signatures).map((s) => [s.departmentId, s.signerName, s.stance])).toEqual([
      ['akr', 'Dr. Ulrike Hahn', 'remarks'],
    ])
  })

  it('signing needs a started round, and only the leading department starts it', async () => {
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Entwurf' })
    expect((await api('akr.lead').post(`/proposals/${body.id}/signatures`, { stance: 'approved' })).status).toBe(403)
    expect((await api('akr.lead').post(`/proposals/${body.id}/cosigning`, { departments: [{ departmentId: 'akr' }] })).status).toBe(403)
    expect((await api('sozialamt.editor').post(`/proposals/${body.id}/cosigning`, { departments: [{ departmentId: 'akr' }] })).status).toBe(403)
    const unknown = await api('sozialamt.lead').post(`/proposals/${body.id}/cosigning`, { departments: [{ departmentId: 'xyz' }] })
    expect(unknown.status).toBe(400)
  })

  it('a signature covers only its sections: the Begründung leaves WFB current, a finance cell makes it outdated', async () => {
    const { id, editor, record } = await proposalInCosigning()
    expect((await api('wfb.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)
    await waitFor(() => signatureOf(record.doc, 'wfb'), { what: 'signature in the record' })
    expect(isCurrent(editor.doc, signatureOf(record.doc, 'wfb')!)).toBe(true)

    // An edit of the Begründung, stored and seen by the record reader's content copy.
    const reader = await connect(id, 'wfb.lead')
    // A paragraph, as the editor writes it: text directly in the fragment is refused by the server.
    const { XmlElement, XmlText } = await import('yjs')
    const paragraph = new XmlElement('paragraph')
    paragraph.insert(0, [new XmlText('Neuer Absatz. ')])
    bodyFragment(editor.doc).insert(0, [paragraph])
    await waitFor(() => bodyFragment(reader.doc).toString().includes('Neuer Absatz'), { what: 'body edit' })
    expect(isCurrent(reader.doc, signatureOf(record.doc, 'wfb')!)).toBe(true)

    const row = listFinanceRows(editor.doc)[0]!
    setFinanceCell(editor.doc, row.id, 'need', 2021, 130)
    await waitFor(() => listFinanceRows(reader.doc)[0]!.need[2021] === 130, { what: 'finance edit' })
    expect(isCurrent(reader.doc, signatureOf(record.doc, 'wfb')!)).toBe(false)

    const changes = await api('wfb.lead').get<{ changes: { path: string; before: unknown; after: unknown }[] }>(
      `/proposals/${id}/signatures/wfb/changes`,
    )
    expect(changes.body.changes).toEqual([expect.objectContaining({ before: 120, after: 130 })])
  })

  it('status follows the signatures: mitgezeichnet when all are current, back when one outdates; release freezes, reopen voids', async () => {
    const { id, editor, record } = await proposalInCosigning()
    const status = () => readRecordStatus(record.doc)?.status
    expect(status()).toBe('cosigning')
    await api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'remarks', remark: 'Stellenplan beachten.' })
    await api('wfb.lead').post(`/proposals/${id}/signatures`, { stance: 'objection', remark: 'Deckung offen.' })
    await waitFor(() => status() === 'cosigned', { what: 'cosigned' })

    const position = listPositions(editor.doc)[0]!
    updatePosition(editor.doc, position.id, { fte: 0.75 })
    await waitFor(() => status() === 'cosigning', { what: 'back to cosigning after an edit' })
    expect(isCurrent(editor.doc, signatureOf(record.doc, 'akr')!)).toBe(false)
    expect(isCurrent(editor.doc, signatureOf(record.doc, 'wfb')!)).toBe(true)
    expect((await api('sozialamt.lead').post(`/proposals/${id}/release`)).status).toBe(409)

    await api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })
    await waitFor(() => status() === 'cosigned', { what: 'cosigned again' })
    expect((await api('sozialamt.editor').post(`/proposals/${id}/release`)).status).toBe(403)

    // Release: the editor's socket is told its rights changed and comes back read-only.
    const live = world.track(connectClient(world.server.wsUrl, id, { cookie: world.cookies['sozialamt.editor']! }))
    await waitFor(() => live.provider.synced)
    const closes: number[] = []
    live.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    expect((await api('sozialamt.lead').post(`/proposals/${id}/release`)).status).toBe(200)
    await waitFor(() => status() === 'released', { what: 'released' })
    await waitFor(() => closes.includes(4001) && live.provider.synced, { what: 'reconnected read-only' })
    expect((await api('sozialamt.editor').get<{ canEdit: boolean }>(`/proposals/${id}/rights`)).body.canEdit).toBe(false)
    const titleBefore = titleText(editor.doc).toString()
    titleText(live.doc).insert(0, 'NACH FREIGABE ')
    const check = await connect(id, 'sozialamt.lead')
    expect(titleText(check.doc).toString()).toBe(titleBefore)
    expect(titleText((await readStoredDocOf(world.server, id)).doc).toString()).toBe(titleBefore)

    expect((await api('sozialamt.lead').post(`/proposals/${id}/reopen`)).status).toBe(200)
    await waitFor(() => status() === 'cosigning' && readSignatures(record.doc).every((s) => s.voided), { what: 'reopened' })

    const audit = await api('sozialamt.lead').get<{ action: string; contentHash: string; userName: string | null }[]>(
      `/proposals/${id}/audit`,
    )
    const actions = audit.body.map((entry) => entry.action)
    expect(actions).toEqual(
      expect.arrayContaining(['co-signing started', 'signed', 'status: all signatures current', 'released', 'reopened']),
    )
    expect(audit.body.every((entry) => /^[0-9a-f]{64}$/.test(entry.contentHash))).toBe(true)
  })
})
