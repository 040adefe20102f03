// Keeps who wrote what beside a document's update log, inside the append's transaction: the owner of
// every Yjs client id, and per person and minute the Yjs ids they added and deleted. Compaction folds
// the log into a snapshot but leaves these rows alone, so a snapshot never forgets its authors.
import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { docClients, docEdits } from '../../db/schema'
import type { AuthoredUpdate, UpdateFacts } from './doc-store'

/** One row covers at most a minute of one person's editing: the time shown for a change is that exact. */
export const editRowSpanMs = 60_000
/** Ranges one row holds at most; scattered edits start a new row instead of growing one without bound. */
const maxRangesPerRow = 500
/** How many of the last ranges a new one is tried against: typing and backspacing extend the last one. */
const mergeWindow = 8

export type Range = [number, number, number]

/** Adds [client, from, to) ranges, extending one that ends where the new one starts. */
function addInserted(ranges: Range[], added: readonly Range[]): void {
  for (const [client, from, to] of added) {
    const last = findRecent(ranges, (r) => r[0] === client && r[2] === from)
    if (last) last[2] = to
    else ranges.push([client, from, to])
  }
}

/** Adds [client, clock, length] ranges, joining one that touches the new one on either side. */
function addDeleted(ranges: Range[], added: readonly Range[]): void {
  for (const [client, clock, length] of added) {
    const after = findRecent(ranges, (r) => r[0] === client && r[1] + r[2] === clock)
    if (after) {
      after[2] += length
      continue
    }
    const before = findRecent(ranges, (r) => r[0] === client && clock + length === r[1])
    if (before) {
      before[1] = clock
      before[2] += length
    } else ranges.push([client, clock, length])
  }
}

function findRecent(ranges: Range[], match: (range: Range) => boolean): Range | undefined {
  for (let i = ranges.length - 1; i >= Math.max(0, ranges.length - mergeWindow); i--) if (match(ranges[i]!)) return ranges[i]
  return undefined
}

/** The facts of several updates of one person, as one. */
function mergedFacts(list: UpdateFacts[]): UpdateFacts {
  const merged: UpdateFacts = { inserted: [], deleted: [], sections: [] }
  for (const facts of list) {
    addInserted(merged.inserted, facts.inserted)
    addDeleted(merged.deleted, facts.deleted)
    for (const section of facts.sections) if (!merged.sections.includes(section)) merged.sections.push(section)
  }
  return merged
}

/** What one append adds to the attribution: owners of client ids, and per person the facts of their updates. */
export type AttributionPlan = {
  claims: { clientId: number; userId: string | null; departmentId: string | null }[]
  edits: { userId: string; departmentId: string; added: UpdateFacts; updates: number }[]
}

/** Works out the rows an append writes; the same for every way of writing them. */
export function planAttribution(updates: AuthoredUpdate[]): AttributionPlan {
  const byUser = new Map<string, { departmentId: string; facts: UpdateFacts[] }>()
  const claims: AttributionPlan['claims'] = []
  const claimed = new Set<number>()
  for (const { author, facts } of updates) {
    for (const [clientId] of facts.inserted) {
      if (claimed.has(clientId)) continue
      claimed.add(clientId)
      claims.push({ clientId, userId: author?.userId ?? null, departmentId: author?.departmentId ?? null })
    }
    // The server's own writes are no one's edits: the audit log names them where they matter.
    if (!author) continue
    const entry = byUser.get(author.userId) ?? { departmentId: author.departmentId, facts: [] }
    entry.facts.push(facts)
    byUser.set(author.userId, entry)
  }
  const edits = [...byUser].map(([userId, { departmentId, facts }]) => ({ userId, departmentId, added: mergedFacts(facts), updates: facts.length }))
  return { claims, edits }
}

/** The newest edit row of a person, as far as folding more into it needs. */
export type LastEdit = { id: number; departmentId: string; firstAtMs: number; updates: number; inserted: Range[]; deleted: Range[]; sections: string[] }

/** The person's current row grown by `edit`, or undefined when a new row starts (another minute, department, or too many ranges). */
export function foldIntoLastEdit(last: LastEdit | undefined, edit: AttributionPlan['edits'][number], atMs: number) {
  if (!last || last.departmentId !== edit.departmentId || atMs - last.firstAtMs >= editRowSpanMs) return undefined
  const inserted = [...last.inserted]
  const deleted = [...last.deleted]
  addInserted(inserted, edit.added.inserted)
  addDeleted(deleted, edit.added.deleted)
  if (inserted.length + deleted.length > maxRangesPerRow) return undefined
  const sections = [...new Set([...last.sections, ...edit.added.sections])]
  return { updates: last.updates + edit.updates, inserted, deleted, sections }
}

/** The writer of attribution rows through the query builder; it runs inside the append's transaction (`tx`). */
export function createAttributionWriter() {
  /** Records the owners of new client ids and folds each person's edits into their current row. */
  return async function recordAttribution(tx: Db, docName: string, updates: AuthoredUpdate[], at: Date): Promise<void> {
    const { claims, edits } = planAttribution(updates)
    // The first owner stays: the room refused every update of another user with this id.
    if (claims.length > 0) await tx.insert(docClients).values(claims.map((claim) => ({ docName, ...claim }))).onConflictDoNothing()
    for (const edit of edits) {
      const { userId, departmentId } = edit
      const [last] = await tx
        .select()
        .from(docEdits)
        .where(and(eq(docEdits.docName, docName), eq(docEdits.userId, userId)))
        .orderBy(desc(docEdits.id))
        .limit(1)
      const grown = foldIntoLastEdit(last && { ...last, firstAtMs: last.firstAt.getTime() }, edit, at.getTime())
      if (last && grown) {
        await tx.update(docEdits).set({ lastAt: at, ...grown }).where(eq(docEdits.id, last.id))
        continue
      }
      await tx.insert(docEdits).values({ docName, userId, departmentId, firstAt: at, lastAt: at, updates: edit.updates, ...edit.added })
    }
  }
}
