// REST for what the server owns on a proposal: rights, involved departments, signatures, status, comments, audit.
// proposalAccess (app.ts) has loaded the proposal and the user's rights before any of these runs.
import { and, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import * as Y from 'yjs'
import { signatures } from '../../db/schema'
import { diffJson } from '../../shared/json-diff'
import { canonicalSections, type SectionName } from '../../shared/model'
import { extendDeadlineSchema, involvedDepartmentsSchema, newThreadSchema, releaseSchema, replySchema, signSchema } from '../../shared/record-api'
import { NotFoundError } from '../domain-errors'
import { readAudit } from '../record/audit'
import { reply, setResolved, startThread } from '../proposals/comments'
import { release, reopen, setInvolvedDepartments, sign, type ProposalDeps } from '../proposals/cosign'
import { extendDeadline } from '../proposals/deadlines'
import type { ProposalEnv } from './proposal-access'
import { readJson, readOptionalJson } from './validate'
import type { AuditEntry, Created, Ok, ProposalRights, SignatureChanges } from '../../shared/api-responses'

export function recordRoutes(deps: ProposalDeps) {
  const { db } = deps
  return new Hono<ProposalEnv>()
    .get('/:id/rights', (c) => {
      const { canEdit, canSteer, canSign, memberDepartmentIds, status } = c.get('access').rights
      return c.json({ canEdit, canSteer, canSign, memberDepartmentIds, status } satisfies Omit<ProposalRights, 'canComment'>)
    })
    .put('/:id/departments', async (c) => {
      const input = await readJson(c, involvedDepartmentsSchema)
      await setInvolvedDepartments(deps, c.get('user'), c.get('access'), input, { startRound: false })
      return c.json({ ok: true } satisfies Ok)
    })
    .post('/:id/cosigning', async (c) => {
      const input = await readJson(c, involvedDepartmentsSchema)
      await setInvolvedDepartments(deps, c.get('user'), c.get('access'), input, { startRound: true })
      return c.json({ ok: true } satisfies Ok)
    })
    .post('/:id/deadlines', async (c) => {
      await extendDeadline(deps, c.get('user'), c.get('access'), await readJson(c, extendDeadlineSchema))
      return c.json({ ok: true } satisfies Ok)
    })
    .post('/:id/signatures', async (c) => {
      const input = await readJson(c, signSchema)
      await sign(deps, c.get('user'), c.get('access'), input)
      return c.json({ ok: true } satisfies Ok)
    })
    .get('/:id/signatures/:departmentId/changes', async (c) => {
      const proposalId = c.get('access').proposal.id
      const signature = db
        .select()
        .from(signatures)
        .where(and(eq(signatures.proposalId, proposalId), eq(signatures.departmentId, c.req.param('departmentId'))))
        .get()
      if (!signature) throw new NotFoundError('no signature of this department')
      const signedDoc = new Y.Doc()
      Y.applyUpdate(signedDoc, signature.signedState)
      const then = canonicalSections(signedDoc)
      signedDoc.destroy()
      const nowDoc = await deps.rooms.storedContent(proposalId)
      const now = canonicalSections(nowDoc)
      nowDoc.destroy()
      const sections = signature.sections as SectionName[]
      const changes = sections.flatMap((section) => diffJson(then[section], now[section], section))
      // The full per-section diff is GET /diff?from=signature:<department>; this is the short list the panel shows.
      return c.json({ departmentId: signature.departmentId, signedAt: signature.signedAt.toISOString(), sections, changes } satisfies SignatureChanges)
    })
    .post('/:id/release', async (c) => {
      await release(deps, c.get('user'), c.get('access'), await readOptionalJson(c, releaseSchema))
      return c.json({ ok: true } satisfies Ok)
    })
    .post('/:id/reopen', async (c) => {
      await reopen(deps, c.get('user'), c.get('access'))
      return c.json({ ok: true } satisfies Ok)
    })
    .get('/:id/audit', (c) => c.json(readAudit(db, c.get('access').proposal.id) satisfies AuditEntry[]))
    .post('/:id/threads', async (c) => {
      const input = await readJson(c, newThreadSchema)
      const id = startThread(deps, c.get('user'), c.get('access'), input)
      return c.json({ id } satisfies Created, 201)
    })
    .post('/:id/threads/:threadId/replies', async (c) => {
      const { text } = await readJson(c, replySchema)
      const id = reply(deps, c.get('user'), c.get('access'), c.req.param('threadId'), text)
      return c.json({ id } satisfies Created, 201)
    })
    .post('/:id/threads/:threadId/resolve', (c) => {
      setResolved(deps, c.get('user'), c.get('access'), c.req.param('threadId'), true)
      return c.json({ ok: true } satisfies Ok)
    })
    .post('/:id/threads/:threadId/reopen', (c) => {
      setResolved(deps, c.get('user'), c.get('access'), c.req.param('threadId'), false)
      return c.json({ ok: true } satisfies Ok)
    })
}
