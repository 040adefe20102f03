// The DocStore on SQLite: an update log plus one snapshot per document, written in transactions.
import { and, eq, gt, lte, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { docClients, docSnapshots, docUpdates } from '../../db/schema'
import { createAttributionWriter } from './attribution-writes'
import type { AppendResult, AuthoredUpdate, DocStore, DocStoreStats, SequencedUpdate, StoredDoc } from './doc-store'

export function createSqliteDocStore(db: Db): DocStore {
  const insertUpdate = db
    .insert(docUpdates)
    .values({
      docName: sql.placeholder('docName'),
      update: sql.placeholder('update'),
      userId: sql.placeholder('userId'),
      departmentId: sql.placeholder('departmentId'),
    })
    .returning({ seq: docUpdates.seq })
    .prepare()
  const recordAttribution = createAttributionWriter(db)

  const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

  return {
    async load(docName: string): Promise<StoredDoc> {
      return db.transaction((tx) => {
        const snapshot = tx.select().from(docSnapshots).where(eq(docSnapshots.docName, docName)).get()
        const afterSeq = snapshot?.lastSeq ?? 0
        const tail = tx
          .select({ seq: docUpdates.seq, update: docUpdates.update })
          .from(docUpdates)
          .where(and(eq(docUpdates.docName, docName), gt(docUpdates.seq, afterSeq)))
          .orderBy(docUpdates.seq)
          .all()
        const updates: Uint8Array[] = snapshot ? [snapshot.state] : []
        for (const row of tail) updates.push(row.update)
        const stateVector = snapshot?.stateVector && tail.length === 0 ? snapshot.stateVector : undefined
        const owners = new Map<number, string | null>()
        for (const row of tx.select().from(docClients).where(eq(docClients.docName, docName)).all()) owners.set(row.clientId, row.userId)
        return { updates, lastSeq: tail.at(-1)?.seq ?? afterSeq, owners, ...(stateVector ? { stateVector } : {}) }
      })
    },

    async loadSince(docName: string, afterSeq: number): Promise<SequencedUpdate[]> {
      return db.transaction((tx) => {
        const snapshot = tx.select().from(docSnapshots).where(eq(docSnapshots.docName, docName)).get()
        // Compaction removed rows after afterSeq: the snapshot stands for them (a full load).
        const folded = snapshot !== undefined && snapshot.lastSeq > afterSeq
        const from = folded ? snapshot.lastSeq : afterSeq
        const tail = tx
          .select({ seq: docUpdates.seq, update: docUpdates.update })
          .from(docUpdates)
          .where(and(eq(docUpdates.docName, docName), gt(docUpdates.seq, from)))
          .orderBy(docUpdates.seq)
          .all()
        return folded ? [{ seq: snapshot.lastSeq, update: snapshot.state }, ...tail] : tail
      })
    },

    async append(docName: string, updates: AuthoredUpdate[]): Promise<AppendResult> {
      // Immediate: the write lock is taken before prevSeq is read, so no other process appends in between.
      return db.transaction((tx) => {
        const logged = tx.select({ seq: sql<number | null>`max(${docUpdates.seq})` }).from(docUpdates).where(eq(docUpdates.docName, docName)).get()
        const folded = tx.select({ seq: docSnapshots.lastSeq }).from(docSnapshots).where(eq(docSnapshots.docName, docName)).get()
        const prevSeq = Math.max(logged?.seq ?? 0, folded?.seq ?? 0)
        let seq = prevSeq
        for (const { update, author } of updates) {
          const stamp = { userId: author?.userId ?? null, departmentId: author?.departmentId ?? null }
          seq = insertUpdate.get({ docName, update: asBuffer(update), ...stamp })!.seq
        }
        recordAttribution(docName, updates, new Date())
        return { seq, prevSeq }
      }, { behavior: 'immediate' })
    },

    async compact(docName: string, state: Uint8Array, stateVector: Uint8Array, upToSeq: number): Promise<void> {
      db.transaction((tx) => {
        const values = { state: asBuffer(state), stateVector: asBuffer(stateVector), lastSeq: upToSeq }
        tx.insert(docSnapshots)
          .values({ docName, ...values })
          // Another instance may have folded more already: a snapshot never goes back.
          .onConflictDoUpdate({
            target: docSnapshots.docName,
            set: { ...values, updatedAt: new Date() },
            setWhere: sql`${docSnapshots.lastSeq} < ${upToSeq}`,
          })
          .run()
        tx.delete(docUpdates).where(and(eq(docUpdates.docName, docName), lte(docUpdates.seq, upToSeq))).run()
      })
    },

    async stats(docName: string): Promise<DocStoreStats> {
      const log = db
        .select({ length: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(length(${docUpdates.update})), 0)` })
        .from(docUpdates)
        .where(eq(docUpdates.docName, docName))
        .get()
      const snapshot = db
        .select({ bytes: sql<number>`length(${docSnapshots.state})` })
        .from(docSnapshots)
        .where(eq(docSnapshots.docName, docName))
        .get()
      return { logLength: log?.length ?? 0, logBytes: log?.bytes ?? 0, snapshotBytes: snapshot?.bytes ?? 0 }
    },
  }
}
