// Suggestions: kept in the content doc but not content; only their author's name; the lead accepts
// (applied in the suggester's name, audited) or rejects; a suggest-only department cannot edit directly.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  listPositions,
  listSuggestions,
  newItemId,
  positionText,
  bodyFragment,
  readBody,
  richTextToPlain,
  suggestionFor,
  suggestionsMap,
  titleText,
  type Suggester,
} from '../../shared/model'
import { contentHash } from '../../shared/model/content-hash'
import type { SignatureChanges } from '../../shared/api-responses'
import { readStoredDoc } from '../helpers/database'
import * as Y from 'yjs'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'
import { waitFor } from '../helpers/wait'

/** The text of the Begründung's first block that has one: read, never made (a suggester may not write it). */
function bodyText(doc: Y.Doc): Y.XmlText {
  for (const block of bodyFragment(doc).toArray()) {
    const first = block instanceof Y.XmlElement ? block.get(0) : undefined
    if (first instanceof Y.XmlText && first.length > 4) return first
  }
  throw new Error('the Begründung has no text')
}

describe('suggestions', () => {
  let s: SignedInServer
  const users = ['sozialamt.lead', 'sozialamt.editor', 'jobcenter.lead', 'jobcenter.editor']
  const who: Record<string, Suggester> = {}

  beforeAll(async () => {
    s = await startSignedInServer(users)
    for (const user of users) {
      const me = await s.api(user).get<{ id: string; displayName: string; departmentId: string }>('/me')
      who[user] = { authorId: me.body.id, authorName: me.body.displayName, departmentId: me.body.departmentId }
    }
  })
  afterEach(() => s.destroyClients())
  afterAll(() => s.stop())

  /** A proposal from the demo template in its round, the Jobcenter involved in the given mode. */
  const proposalWithJobcenter = async (editMode: 'edit' | 'suggest') => {
    const created = await s.api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Pakt', number: '949/2019', template: 'pakt-949-2019' })
    expect(created.status).toBe(201)
    const id = created.body.id
    const round = await s.api('sozialamt.lead').post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'jobcenter', editMode }] })
    expect(round.status).toBe(200)
    return id
  }
  const stored = (id: string) => readStoredDoc(s.server.dataDir, id).doc

  it("a suggest-only department's direct edit is refused like a viewer's; its suggestion reaches everyone", async () => {
    const id = await proposalWithJobcenter('suggest')
    expect((await s.api('jobcenter.editor').get(`/proposals/${id}/rights`)).body).toMatchObject({ canEdit: true, mustSuggest: true, canDecideSuggestions: false })
    const lead = await s.connect(id, 'sozialamt.editor')
    const jobcenter = await s.connect(id, 'jobcenter.editor')
    const warnings: string[] = []
    const originalWarn = console.warn
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '))
    try {
      titleText(jobcenter.doc).insert(0, 'DIRECT ')
      await waitFor(() => warnings.some((w) => w.includes('read-only')), { what: 'permission-denied message' })
    } finally {
      console.warn = originalWarn
    }
    // Like a viewer's, the refused edit stays only in that client; a fresh one (as the board is) suggests.
    const suggester = await s.connect(id, 'jobcenter.editor')
    const text = bodyText(suggester.doc)
    const suggestion = suggestionFor(text, { from: 0, to: 0, insert: 'Vorgeschlagen: ' }, who['jobcenter.editor']!, { section: 'body', field: 'body' })
    suggestionsMap(suggester.doc).set(newItemId(), suggestion)
    await waitFor(() => listSuggestions(lead.doc).length === 1, { what: 'suggestion at the lead' })
    expect(jobcenter.provider.wsconnected).toBe(true)
    expect(titleText(stored(id)).toString()).not.toContain('DIRECT')
    expect(titleText(lead.doc).toString()).not.toContain('DIRECT')
    expect(listSuggestions(stored(id))).toHaveLength(1)
  })

  it('a suggestion naming someone else is refused and closes the sender with 4403', async () => {
    const id = await proposalWithJobcenter('edit')
    const jobcenter = await s.connect(id, 'jobcenter.editor')
    const closes: number[] = []
    jobcenter.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    const forged = suggestionFor(bodyText(jobcenter.doc), { from: 0, to: 0, insert: 'x' }, who['sozialamt.lead']!, { section: 'body', field: 'body' })
    suggestionsMap(jobcenter.doc).set(newItemId(), forged)
    await waitFor(() => closes.includes(4403), { what: 'close 4403' })
    expect(listSuggestions(stored(id))).toHaveLength(0)
  })

  it('only its author withdraws a suggestion: an editor of another department deleting it is refused', async () => {
    const id = await proposalWithJobcenter('edit')
    const jobcenter = await s.connect(id, 'jobcenter.editor')
    const other = await s.connect(id, 'sozialamt.editor')
    const key = newItemId()
    suggestionsMap(jobcenter.doc).set(key, suggestionFor(bodyText(jobcenter.doc), { from: 0, to: 3, insert: '' }, who['jobcenter.editor']!, { section: 'body', field: 'body' }))
    await waitFor(() => listSuggestions(other.doc).length === 1, { what: 'suggestion arrives' })
    const closes: number[] = []
    other.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    suggestionsMap(other.doc).delete(key)
    await waitFor(() => closes.includes(4403), { what: 'close 4403' })
    expect(listSuggestions(stored(id))).toHaveLength(1)
  })

  it('a pending suggestion leaves the content hash and the signature alone; its acceptance changes both, in the suggester\'s name', async () => {
    const id = await proposalWithJobcenter('suggest')
    const jobcenter = await s.connect(id, 'jobcenter.editor')
    expect((await s.api('jobcenter.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)
    const hashBefore = contentHash(stored(id))
    const position = listPositions(jobcenter.doc).find((p) => p.department === 'sozialamt')!
    const functionText = positionText(jobcenter.doc, position.id, 'function')!
    const key = newItemId()
    suggestionsMap(jobcenter.doc).set(
      key,
      suggestionFor(functionText, { from: 0, to: functionText.length, insert: 'Fallmanagement' }, who['jobcenter.editor']!, {
        section: 'positions',
        field: `positions/${position.id}/function`,
      }),
    )
    const bodyKey = newItemId()
    suggestionsMap(jobcenter.doc).set(bodyKey, suggestionFor(bodyText(jobcenter.doc), { from: 0, to: 0, insert: 'NEU ' }, who['jobcenter.editor']!, { section: 'body', field: 'body' }))
    await waitFor(() => listSuggestions(stored(id)).length === 2, { what: 'suggestions stored' })
    expect(contentHash(stored(id))).toBe(hashBefore)
    const signatureState = async () => (await s.api('jobcenter.lead').get<{ status: string }>(`/proposals/${id}`)).body.status
    expect(await signatureState()).toBe('cosigned')

    // Nobody but the leading department decides.
    expect((await s.api('jobcenter.lead').post(`/proposals/${id}/suggestions/decide`, { decision: 'accept', ids: [key] })).status).toBe(403)
    expect((await s.api('sozialamt.editor').post(`/proposals/${id}/suggestions/decide`, { decision: 'maybe', ids: [key] })).status).toBe(400)

    const accepted = await s.api('sozialamt.editor').post(`/proposals/${id}/suggestions/decide`, { decision: 'accept', authorId: who['jobcenter.editor']!.authorId })
    expect(accepted.status).toBe(200)
    // Both suggestions, in the order of their timestamps — equal when made within one millisecond, so compared as a set.
    expect(accepted.body).toEqual({ accepted: expect.arrayContaining([key, bodyKey]), rejected: [], gone: [] })
    expect((accepted.body as { accepted: string[] }).accepted).toHaveLength(2)
    const after = stored(id)
    expect(listSuggestions(after)).toHaveLength(0)
    expect(listPositions(after).find((p) => p.id === position.id)!.function).toBe('Fallmanagement')
    expect(richTextToPlain(readBody(after)).startsWith('NEU ')).toBe(true)
    expect(contentHash(after)).not.toBe(hashBefore)
    await waitFor(async () => (await signatureState()) === 'cosigning', { what: 'signature outdated' })

    // The change list names the suggester; the audit log names both.
    const changes = await s.api('jobcenter.lead').get<SignatureChanges>(`/proposals/${id}/signatures/jobcenter/changes`)
    const authorNames = changes.body.changes.flatMap((c) => c.authors).map((a) => a.userName)
    expect(authorNames).toContain(who['jobcenter.editor']!.authorName)
    expect(authorNames).not.toContain(who['sozialamt.editor']!.authorName)
    const audit = await s.api('sozialamt.lead').get<{ action: string; userName: string; detail: { authorName: string } }[]>(`/proposals/${id}/audit`)
    const entries = audit.body.filter((e) => e.action === 'suggestion accepted')
    expect(entries).toHaveLength(2)
    expect(entries[0]).toMatchObject({ userName: who['sozialamt.editor']!.authorName, detail: { authorName: who['jobcenter.editor']!.authorName } })
  })

  it('a rejected suggestion is removed, changes nothing and is audited', async () => {
    const id = await proposalWithJobcenter('suggest')
    const jobcenter = await s.connect(id, 'jobcenter.editor')
    const key = newItemId()
    suggestionsMap(jobcenter.doc).set(key, suggestionFor(bodyText(jobcenter.doc), { from: 0, to: 4, insert: 'X' }, who['jobcenter.editor']!, { section: 'body', field: 'body' }))
    await waitFor(() => listSuggestions(stored(id)).length === 1, { what: 'suggestion stored' })
    const hashBefore = contentHash(stored(id))
    const rejected = await s.api('sozialamt.lead').post(`/proposals/${id}/suggestions/decide`, { decision: 'reject', ids: [key] })
    expect(rejected.body).toEqual({ accepted: [], rejected: [key], gone: [] })
    expect(listSuggestions(stored(id))).toHaveLength(0)
    expect(contentHash(stored(id))).toBe(hashBefore)
    await waitFor(() => listSuggestions(jobcenter.doc).length === 0, { what: 'removal reaches the suggester' })
    const audit = await s.api('sozialamt.lead').get<{ action: string }[]>(`/proposals/${id}/audit`)
    expect(audit.body.map((e) => e.action)).toContain('suggestion rejected')
    expect((await s.api('sozialamt.lead').post(`/proposals/${id}/suggestions/decide`, { decision: 'reject', ids: [key] })).status).toBe(404)
  })

  it('a suggestion that would not fit its field (too long for the pay grade) is not applied: 409, still pending', async () => {
    const id = await proposalWithJobcenter('suggest')
    const jobcenter = await s.connect(id, 'jobcenter.editor')
    const position = listPositions(jobcenter.doc)[0]!
    const payGrade = positionText(jobcenter.doc, position.id, 'payGrade')!
    const key = newItemId()
    const tooLong = 'EG 10 TVöD '.repeat(6)
    suggestionsMap(jobcenter.doc).set(
      key,
      suggestionFor(payGrade, { from: 0, to: payGrade.length, insert: tooLong }, who['jobcenter.editor']!, { section: 'positions', field: `positions/${position.id}/payGrade` }),
    )
    await waitFor(() => listSuggestions(stored(id)).length === 1, { what: 'suggestion stored' })
    const hashBefore = contentHash(stored(id))
    const refused = await s.api('sozialamt.lead').post<{ error: string }>(`/proposals/${id}/suggestions/decide`, { decision: 'accept', ids: [key] })
    expect(refused.status).toBe(409)
    expect(refused.body.error).toMatch(/does not fit/)
    expect(contentHash(stored(id))).toBe(hashBefore)
    expect(listSuggestions(stored(id))).toHaveLength(1)
  })

  it('suggestions made offline merge on reconnect with those made meanwhile, and both survive', async () => {
    const id = await proposalWithJobcenter('suggest')
    const offline = await s.connect(id, 'jobcenter.editor')
    const online = await s.connect(id, 'jobcenter.lead')
    const lead = await s.connect(id, 'sozialamt.editor')
    offline.provider.disconnect()
    suggestionsMap(offline.doc).set('offline-1', suggestionFor(bodyText(offline.doc), { from: 0, to: 0, insert: 'Offline ' }, who['jobcenter.editor']!, { section: 'body', field: 'body' }))
    suggestionsMap(online.doc).set('online-1', suggestionFor(bodyText(online.doc), { from: 0, to: 2, insert: '' }, who['jobcenter.lead']!, { section: 'body', field: 'body' }))
    await waitFor(() => listSuggestions(lead.doc).length === 1, { what: 'online suggestion at the lead' })
    offline.provider.connect()
    await waitFor(() => listSuggestions(lead.doc).length === 2, { what: 'offline suggestion merged' })
    await waitFor(() => listSuggestions(offline.doc).length === 2, { what: 'the online one reaches the reconnected client' })
    expect(listSuggestions(stored(id)).map((x) => x.id).sort()).toEqual(['offline-1', 'online-1'])
  })
})
