// REST for the proposal list: list and search, read one, create.
import { randomBytes } from 'node:crypto'
import { desc, eq, or, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client'
import { proposals } from '../../db/schema'
import { createProposalSchema, type ProposalSummary } from '../../shared/proposal'
import { findTemplate } from '../../shared/demo'
import { schemaVersion } from '../../shared/model'
import { initialProposalUpdate } from '../../shared/proposal-doc'
import { InvalidInputError } from '../domain-errors'
import type { DocStore } from '../storage/doc-store'
import { factsOfUpdate } from '../sync/update-facts'
import { creationQuotaWaitMs } from './proposal-quota'
import type { SessionEnv } from './session'
import { readJson } from './validate'

const idAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'

export function newProposalId(): string {
  return Array.from(randomBytes(16), (byte) => idAlphabet[byte % idAlphabet.length]).join('')
}

/** Case-insensitive substring match that treats % and _ literally, unlike LIKE. */
const contains = (column: SQLiteColumn, text: string) => sql`instr(lower(${column}), lower(${text})) > 0`

type ProposalRow = typeof proposals.$inferSelect

export const toSummary = (row: ProposalRow): ProposalSummary => ({
  id: row.id,
  number: row.number,
  title: row.title,
  status: row.status,
  leadDepartmentId: row.leadDepartmentId,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
})

/** Inserts the proposal row and stores its first document state, written by its creator (if any). */
export async function createProposal(
  db: Db,
  store: DocStore,
  input: { title: string; number: string; leadDepartmentId: string; template?: string; createdById?: string },
) {
  const { template, ...row } = input
  if (template !== undefined && !findTemplate(template)) {
    throw new InvalidInputError(`template: unknown template ${template}`)
  }
  const id = newProposalId()
  const header = { number: row.number, leadDepartment: row.leadDepartmentId }
  const update = initialProposalUpdate(row.title, header, template)
  const author = row.createdById ? { userId: row.createdById, departmentId: row.leadDepartmentId } : null
  await store.append(id, [{ update, author, facts: factsOfUpdate(update) }])
  // This code wrote the first state through the model: it is at the current layout, no load needs to check it.
  const [created] = await db.insert(proposals).values({ id, ...row, contentLayout: schemaVersion }).returning()
  return created!
}

export function proposalRoutes(deps: { db: Db; store: DocStore; proposalsPerHour: number }) {
  const { db, store, proposalsPerHour } = deps
  return new Hono<SessionEnv>()
    .get('/', async (c) => {
      const query = c.req.query('q')?.trim()
      const rows = await db
        .select()
        .from(proposals)
        .where(query ? or(contains(proposals.title, query), contains(proposals.number, query)) : undefined)
        .orderBy(desc(proposals.updatedAt))
      return c.json(rows.map(toSummary))
    })
    .get('/:id', async (c) => {
      const row = (await db.select().from(proposals).where(eq(proposals.id, c.req.param('id'))))[0]
      if (!row) throw new HTTPException(404, { message: 'no such proposal' })
      return c.json(toSummary(row))
    })
    .post('/', async (c) => {
      const user = c.get('user')
      if (user.role === 'viewer') throw new HTTPException(403, { message: 'viewers cannot create proposals' })
      const waitMs = await creationQuotaWaitMs(db, user.id, proposalsPerHour)
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000)
        c.header('retry-after', String(seconds))
        return c.json({ error: `at most ${proposalsPerHour} new proposals per hour; try again in ${seconds} seconds` }, 429)
      }
      const input = await readJson(c, createProposalSchema)
      // The creating department leads the new proposal.
      const row = await createProposal(db, store, { ...input, leadDepartmentId: user.departmentId, createdById: user.id })
      return c.json(toSummary(row), 201)
    })
}
