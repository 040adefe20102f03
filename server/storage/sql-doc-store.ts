// The DocStore on SQL, for both dialects: an update log plus one snapshot per document, written in
// transactions. Only the locks and a byte count differ between SQLite and PostgreSQL (doc-locks.ts).
import type Database from 'better-sqlite3'
import { and, eq, gt, isNull, lt, lte, max, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { docClients, docSnapshots, docUpdates, proposals } from '../../db/schema'
import { parseRoomName } from '../../shared/sync-protocol'
import { dialectOf, transaction } from '../../db/transaction'
import { createAttributionWriter } from './attribution-writes'
import { docLocksFor } from './doc-locks'
import { prepareSqliteAppend } from './sqlite-append'
import type { AppendResult, AuthoredUpdate, DocStore, DocStoreStats, SequencedUpdate, StoredDoc } from './doc-store'

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/** Rows per insert statement: 4 parameters each stays far below SQLite's and PostgreSQL's limits. */
const rowsPerInsert = 500

export function createDocStore(db: Db): DocStore {
  const recordAttribution = createAttributionWriter()
  const dialect = dialectOf(db)
  const locks = docLocksFor(dialect)
  // SQLite: the hot path's statements prepared once, run without the query builder (PostgreSQL keeps it).
  const sqliteAppend = dialect === 'sqlite' ? prepareSqliteAppend((db as unknown as { $client: Database.Database }).$client) : undefined

  /** The highest sequence number the document has: its log's newest, or its snapshot's when the log is empty. */
  async function highestSeq(tx: Db, docName: string): Promise<number> {
    const [log] = await tx.select({ seq: max(docUpdates.seq) }).from(docUpdates).where(eq(docUpdates.docName, docName))
    if (log?.seq != null) return Number(log.seq)
    const [snapshot] = await tx.select({ seq: docSnapshots.lastSeq }).from(docSnapshots).where(eq(docSnapshots.docName, docName))
    return snapshot?.seq ?? 0
  }

  /** The recorded layout of a content document (named by its proposal's id); undefined for any other. */
  async function contentLayoutOf(tx: Db, docName: string): Promise<number | undefined> {
    if (parseRoomName(docName).kind !== 'content') return undefined
    const [row] = await tx.select({ layout: proposals.contentLayout }).from(proposals).where(eq(proposals.id, docName))
    return row?.layout ?? undefined
  }

  return {
    async load(docName: string): Promise<StoredDoc> {
      return transaction(db, async (tx) => {
        // The layout before the updates: it is recorded after what it speaks of was stored, so the updates read next hold that.
        const contentLayout = await contentLayoutOf(tx, docName)
        const [snapshot] = await tx.select().from(docSnapshots).where(eq(docSnapshots.docName, docName))
        const afterSeq = snapshot?.lastSeq ?? 0
        const tail = await tx
          .select({ seq: docUpdates.seq, update: docUpdates.update })
          .from(docUpdates)
          .where(and(eq(docUpdates.docName, docName), gt(docUpdates.seq, afterSeq)))
          .orderBy(docUpdates.seq)
        const updates: Uint8Array[] = snapshot ? [snapshot.state] : []
        let loggedBytes = 0
        for (const row of tail) {
          updates.push(row.update)
          loggedBytes += row.update.length
        }
        const stateVector = snapshot?.stateVector && tail.length === 0 ? snapshot.stateVector : undefined
        const owners = new Map<number, string | null>()
        for (const row of await tx.select().from(docClients).where(eq(docClients.docName, docName))) owners.set(row.clientId, row.userId)
        const logged = { length: tail.length, bytes: loggedBytes }
        return {
          updates,
          lastSeq: tail.at(-1)?.seq ?? afterSeq,
          owners,
          logged,
          ...(stateVector ? { stateVector } : {}),
          ...(contentLayout !== undefined ? { contentLayout } : {}),
        }
      })
    },

    async loadSince(docName: string, afterSeq: number): Promise<SequencedUpdate[]> {
      return transaction(db, async (tx) => {
        // The tail before the snapshot: should a compaction commit between the two reads (PostgreSQL reads
        // each statement afresh), it only folded rows into a snapshot that then stands for them.
        const tail = await tx
          .select({ seq: docUpdates.seq, update: docUpdates.update })
          .from(docUpdates)
          .where(and(eq(docUpdates.docName, docName), gt(docUpdates.seq, afterSeq)))
          .orderBy(docUpdates.seq)
        const [snapshot] = await tx.select({ seq: docSnapshots.lastSeq, state: docSnapshots.state }).from(docSnapshots).where(eq(docSnapshots.docName, docName))
        // Compaction removed rows after afterSeq: the snapshot stands for them (a full load), then what follows it.
        if (!snapshot || snapshot.seq <= afterSeq) return tail
        return [{ seq: snapshot.seq, update: snapshot.state }, ...tail.filter((row) => row.seq > snapshot.seq)]
      })
    },

    async append(docName: string, updates: AuthoredUpdate[]): Promise<AppendResult> {
      if (sqliteAppend) return transaction(db, async () => sqliteAppend(docName, updates, new Date()))
      return transaction(db, async (tx) => {
        // Appends to one document take turns (PostgreSQL: across instances), so its seqs rise in commit order.
        await locks.lockForAppend(tx, docName)
        const prevSeq = await highestSeq(tx, docName)
        let seq = prevSeq
        // One statement for the whole batch: on PostgreSQL every statement is a round trip under the lock.
        const rows = updates.map(({ update, author }) => ({
          docName,
          update: asBuffer(update),
          userId: author?.userId ?? null,
          departmentId: author?.departmentId ?? null,
        }))
        for (let start = 0; start < rows.length; start += rowsPerInsert) {
          const inserted = await tx.insert(docUpdates).values(rows.slice(start, start + rowsPerInsert)).returning({ seq: docUpdates.seq })
          for (const row of inserted) seq = Math.max(seq, row.seq)
        }
        await recordAttribution(tx, docName, updates, new Date())
        return { seq, prevSeq }
      })
    },

    async loadForCompaction(docName: string, upToSeq: number): Promise<Uint8Array[] | undefined> {
      return transaction(db, async (tx) => {
        // The log before the snapshot, as in loadSince: a compaction committing in between only folded rows into it.
        const logged = await tx
          .select({ seq: docUpdates.seq, update: docUpdates.update })
          .from(docUpdates)
          .where(and(eq(docUpdates.docName, docName), lte(docUpdates.seq, upToSeq)))
          .orderBy(docUpdates.seq)
        const [snapshot] = await tx.select({ seq: docSnapshots.lastSeq, state: docSnapshots.state }).from(docSnapshots).where(eq(docSnapshots.docName, docName))
        if (snapshot && snapshot.seq >= upToSeq) return undefined
        const tail = snapshot ? logged.filter((row) => row.seq > snapshot.seq) : logged
        if (tail.length === 0) return undefined
        return [...(snapshot ? [snapshot.state] : []), ...tail.map((row) => row.update)]
      })
    },

    async compact(docName: string, state: Uint8Array, stateVector: Uint8Array, upToSeq: number): Promise<boolean> {
      return transaction(db, async (tx) => {
        // One compactor per document at a time; the other skips (its next compaction comes).
        if (!(await locks.tryLockForCompaction(tx, docName))) return false
        const values = { state: asBuffer(state), stateVector: asBuffer(stateVector), lastSeq: upToSeq }
        // A snapshot only ever moves forward: an older one (a slower compactor's) never replaces a newer.
        await tx
          .insert(docSnapshots)
          .values({ docName, ...values })
          // The new row's values (excluded.*), so the state is bound once, not twice: it can be megabytes.
          .onConflictDoUpdate({
            target: docSnapshots.docName,
            set: { state: sql`excluded.state`, stateVector: sql`excluded.state_vector`, lastSeq: upToSeq, updatedAt: new Date() },
            setWhere: sql`${docSnapshots.lastSeq} < ${upToSeq}`,
          })
        // Whichever snapshot stands holds every update up to upToSeq.
        await tx.delete(docUpdates).where(and(eq(docUpdates.docName, docName), lte(docUpdates.seq, upToSeq)))
        return true
      })
    },

    async stats(docName: string): Promise<DocStoreStats> {
      const [log] = await db
        .select({ length: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(${locks.byteLength(docUpdates.update)}), 0)` })
        .from(docUpdates)
        .where(eq(docUpdates.docName, docName))
      const [snapshot] = await db
        .select({ bytes: locks.byteLength(docSnapshots.state) })
        .from(docSnapshots)
        .where(eq(docSnapshots.docName, docName))
      return { logLength: Number(log?.length ?? 0), logBytes: Number(log?.bytes ?? 0), snapshotBytes: Number(snapshot?.bytes ?? 0) }
    },

    async recordContentLayout(docName: string, layout: number): Promise<void> {
      const { proposalId, kind } = parseRoomName(docName)
      if (kind !== 'content') throw new Error(`${docName} is not a content document: it has no content layout`)
      // Only upwards: a slower instance's check of an older state never lowers what a newer one recorded.
      await db
        .update(proposals)
        .set({ contentLayout: layout })
        .where(and(eq(proposals.id, proposalId), or(isNull(proposals.contentLayout), lt(proposals.contentLayout, layout))))
    },
  }
}
