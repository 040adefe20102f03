// REST for what the server owns on a proposal: rights, involved departments, signatures, status, comments, audit.
// proposalAccess (app.ts) has loaded the proposal and the user's rights before any of these runs.
import { Hono } from 'hono'
import { extendDeadlineSchema, involvedDepartmentsSchema, newThreadSchema, releaseSchema, replySchema, signSchema } from '../../shared/record-api'
import { readAudit } from '../record/audit'
import { clientAuthors, editBursts } from '../record/authorship'
import { signatureChanges } from '../proposals/signature-changes'
import { roomNameOf } from '../sync/access'
import { reply, setResolved, startThread } from '../proposals/comments'
import { release, reopen, setInvolvedDepartments, sign, type ProposalDeps } from '../proposals/cosign'
import { extendDeadline } from '../proposals/deadlines'
import type { ProposalEnv } from './proposal-access'
import { readJson, readOptionalJson } from './validate'
import type { AuditEntry, ClientAuthor, Created, EditBurst, Ok, ProposalRights, SignatureChanges } from '../../shared/api-responses'

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
      // The full per-section diff is GET /diff?from=signature:<department>; this is the short list the panel shows.
      const changes = await signatureChanges(deps, c.get('access').proposal.id, c.req.param('departmentId'))
      return c.json(changes satisfies SignatureChanges)
    })
    .post('/:id/release', async (c) => {
      await release(deps, c.get('user'), c.get('access'), await readOptionalJson(c, releaseSchema))
      return c.json({ ok: true } satisfies Ok)
    })
    .post('/:id/reopen', async (c) => {
      await reopen(deps, c.get('user'), c.get('access'))
      return c.json({ ok: true } satisfies Ok)
    })
    .get('/:id/audit', async (c) => c.json(await readAudit(db, c.get('access').proposal.id) satisfies AuditEntry[]))
    // Who wrote what in the content, as the server stamped it: client ids to people, and edits per person.
    .get('/:id/authors', async (c) => c.json(await clientAuthors(db, roomNameOf(c.get('access').proposal.id, 'content')) satisfies ClientAuthor[]))
    .get('/:id/edits', async (c) => c.json(await editBursts(db, roomNameOf(c.get('access').proposal.id, 'content')) satisfies EditBurst[]))
    .post('/:id/threads', async (c) => {
      const input = await readJson(c, newThreadSchema)
      const id = await startThread(deps, c.get('user'), c.get('access'), input)
      return c.json({ id } satisfies Created, 201)
    })
    .post('/:id/threads/:threadId/replies', async (c) => {
      const { text } = await readJson(c, replySchema)
      const id = await reply(deps, c.get('user'), c.get('access'), c.req.param('threadId'), text)
      return c.json({ id } satisfies Created, 201)
    })
    .post('/:id/threads/:threadId/resolve', async (c) => {
      await setResolved(deps, c.get('user'), c.get('access'), c.req.param('threadId'), true)
      return c.json({ ok: true } satisfies Ok)
    })
    .post('/:id/threads/:threadId/reopen', async (c) => {
      await setResolved(deps, c.get('user'), c.get('access'), c.req.param('threadId'), false)
      return c.json({ ok: true } satisfies Ok)
    })
}
