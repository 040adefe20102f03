// REST for what the server owns on a proposal: rights, involved departments, signatures, status, comments, audit.
import { and, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import * as Y from 'yjs'
import { signatures } from '../../db/schema'
import { diffJson } from '../../shared/json-diff'
import { canonicalSections, type SectionName } from '../../shared/model'
import { involvedDepartmentsSchema, newThreadSchema, replySchema, signSchema } from '../../shared/record-api'
import { readAudit } from '../record/audit'
import { reply, setResolved, startThread, type CommentDeps } from '../record/comments'
import { release, reopen, requireRights, setInvolvedDepartments, sign, type CosignDeps } from '../record/cosign'
import type { SessionEnv } from './session'
import { readJson } from './validate'

export function recordRoutes(deps: CosignDeps & CommentDeps) {
  const { db } = deps
  return new Hono<SessionEnv>()
    .get('/:id/rights', (c) => {
      const rights = requireRights(db, c.get('user'), c.req.param('id'))
      const { canEdit, canSteer, canSign, memberDepartmentIds } = rights
      return c.json({ canEdit, canSteer, canSign, memberDepartmentIds, status: rights.proposal.status })
    })
    .put('/:id/departments', async (c) => {
      const input = await readJson(c, involvedDepartmentsSchema)
      await setInvolvedDepartments(deps, c.get('user'), c.req.param('id'), input, { startRound: false })
      return c.json({ ok: true })
    })
    .post('/:id/cosigning', async (c) => {
      const input = await readJson(c, involvedDepartmentsSchema)
      await setInvolvedDepartments(deps, c.get('user'), c.req.param('id'), input, { startRound: true })
      return c.json({ ok: true })
    })
    .post('/:id/signatures', async (c) => {
      const input = await readJson(c, signSchema)
      await sign(deps, c.get('user'), c.req.param('id'), input)
      return c.json({ ok: true })
    })
    .get('/:id/signatures/:departmentId/changes', async (c) => {
      const proposalId = c.req.param('id')
      requireRights(db, c.get('user'), proposalId)
      const signature = db
        .select()
        .from(signatures)
        .where(and(eq(signatures.proposalId, proposalId), eq(signatures.departmentId, c.req.param('departmentId'))))
        .get()
      if (!signature) throw new HTTPException(404, { message: 'no signature of this department' })
      const signedDoc = new Y.Doc()
      Y.applyUpdate(signedDoc, signature.signedState)
      const then = canonicalSections(signedDoc)
      const now = canonicalSections(await deps.records.storedContent(proposalId))
      const sections = signature.sections as SectionName[]
      const changes = sections.flatMap((section) =>
        diffJson(then[section], now[section], section),
      )
      signedDoc.destroy()
      // The full per-section diff is GET /diff?from=signature:<department>; this is the short list the panel shows.
      return c.json({ departmentId: signature.departmentId, signedAt: signature.signedAt.toISOString(), sections, changes })
    })
    .post('/:id/release', async (c) => {
      await release(deps, c.get('user'), c.req.param('id'))
      return c.json({ ok: true })
    })
    .post('/:id/reopen', async (c) => {
      await reopen(deps, c.get('user'), c.req.param('id'))
      return c.json({ ok: true })
    })
    .get('/:id/audit', (c) => {
      requireRights(db, c.get('user'), c.req.param('id'))
      return c.json(readAudit(db, c.req.param('id')))
    })
    .post('/:id/threads', async (c) => {
      const input = await readJson(c, newThreadSchema)
      const id = startThread(deps, c.get('user'), c.req.param('id'), input)
      return c.json({ id }, 201)
    })
    .post('/:id/threads/:threadId/replies', async (c) => {
      const { text } = await readJson(c, replySchema)
      const id = reply(deps, c.get('user'), c.req.param('id'), c.req.param('threadId'), text)
      return c.json({ id }, 201)
    })
    .post('/:id/threads/:threadId/resolve', (c) => {
      setResolved(deps, c.get('user'), c.req.param('id'), c.req.param('threadId'), true)
      return c.json({ ok: true })
    })
    .post('/:id/threads/:threadId/reopen', (c) => {
      setResolved(deps, c.get('user'), c.req.param('id'), c.req.param('threadId'), false)
      return c.json({ ok: true })
    })
}
