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

type Range = [number, number, number]

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

/** The writer of attribution rows; it runs inside the append's transaction (`tx`). */
export function createAttributionWriter() {
  /** Records the owners of new client ids and folds each person's edits into their current row. */
  return async function recordAttribution(tx: Db, docName: string, updates: AuthoredUpdate[], at: Date): Promise<void> {
    const byUser = new Map<string, { departmentId: string; facts: UpdateFacts[] }>()
    const claims: (typeof docClients.$inferInsert)[] = []
    const claimed = new Set<number>()
    for (const { author, facts } of updates) {
      for (const [clientId] of facts.inserted) {
        if (claimed.has(clientId)) continue
        claimed.add(clientId)
        claims.push({ docName, clientId, userId: author?.userId ?? null, departmentId: author?.departmentId ?? null })
      }
      // The server's own writes are no one's edits: the audit log names them where they matter.
      if (!author) continue
      const entry = byUser.get(author.userId) ?? { departmentId: author.departmentId, facts: [] }
      entry.facts.push(facts)
      byUser.set(author.userId, entry)
    }
    // The first owner stays: the room refused every update of another user with this id.
    if (claims.length > 0) await tx.insert(docClients).values(claims).onConflictDoNothing()
    for (const [userId, { departmentId, facts }] of byUser) {
      const added = mergedFacts(facts)
      const [last] = await tx
        .select()
        .from(docEdits)
        .where(and(eq(docEdits.docName, docName), eq(docEdits.userId, userId)))
        .orderBy(desc(docEdits.id))
        .limit(1)
      if (last && last.departmentId === departmentId && at.getTime() - last.firstAt.getTime() < editRowSpanMs) {
        const inserted = [...last.inserted]
        const deleted = [...last.deleted]
        addInserted(inserted, added.inserted)
        addDeleted(deleted, added.deleted)
        if (inserted.length + deleted.length <= maxRangesPerRow) {
          const sections = [...new Set([...last.sections, ...added.sections])]
          await tx.update(docEdits).set({ lastAt: at, updates: last.updates + facts.length, inserted, deleted, sections }).where(eq(docEdits.id, last.id))
          continue
        }
      }
      await tx.insert(docEdits).values({ docName, userId, departmentId, firstAt: at, lastAt: at, updates: facts.length, ...added })
    }
  }
}
