// Moves a stopped installation's SQLite database into an empty PostgreSQL database: every table in
// foreign-key order, ids kept, in ONE transaction that commits only after the copy was read back and
// found equal — a failure anywhere leaves the target without data (the empty schema stays).
import { MigrationError, reasonOf } from './errors'
import { tablePairs } from './tables'
import { connectTarget, continueSequences, insertRows, lockAndRequireEmpty, parseTargetUrl, type SequenceReset } from './target'
import { defaultPageBudget, openSource, type PageBudget } from './source'
import { Mismatches, verifyDocuments, verifyTables } from './verify'

export { MigrationError }

export type MigrationReport = {
  /** Where the data went, without credentials. */
  target: string
  tables: { name: string; rows: number }[]
  /** Documents whose Yjs state was rebuilt on both sides and found byte-identical. */
  documents: number
  sequences: SequenceReset[]
}

export type MigrationOptions = {
  sqliteFile: string
  databaseUrl: string | undefined
  /** Rows read and written at once (default: 1 000 rows, about 16 MB of blobs). */
  pageBudget?: PageBudget
  /** How long to wait for another session's locks on the target before giving up (default 10 s). */
  lockTimeoutMs?: number
  /** One line per step, for a person watching a long copy. */
  onProgress?: (line: string) => void
}

export async function migrateSqliteToPostgres(options: MigrationOptions): Promise<MigrationReport> {
  const progress = options.onProgress ?? (() => undefined)
  const url = parseTargetUrl(options.databaseUrl)
  const pairs = tablePairs()
  const pageBudget = options.pageBudget ?? defaultPageBudget
  const source = openSource(options.sqliteFile)
  try {
    const target = await connectTarget(url)
    try {
      return await target.db.transaction(async (tx) => {
        await lockAndRequireEmpty(tx, pairs, target.where, options.lockTimeoutMs ?? 10_000)
        const tables: MigrationReport['tables'] = []
        for (const pair of pairs) {
          let rows = 0
          try {
            for (const page of source.pages(pair, pageBudget)) {
              await insertRows(tx, pair, page)
              rows += page.length
            }
          } catch (error) {
            throw new MigrationError(`Copying ${pair.name} failed, nothing was written to PostgreSQL: ${reasonOf(error)}`)
          }
          tables.push({ name: pair.name, rows })
          progress(`copied ${pair.name}: ${rows} rows`)
        }
        const sequences = await continueSequences(tx, source.highestIssuedIds())
        progress('verifying …')
        const mismatches = new Mismatches()
        await verifyTables(source, tx, pairs, pageBudget, mismatches)
        const documents = await verifyDocuments(source, tx, mismatches)
        if (mismatches.total) {
          const more = mismatches.total > mismatches.listed.length ? `\n  … and ${mismatches.total - mismatches.listed.length} more` : ''
          throw new MigrationError(
            `Verification failed, nothing was written to PostgreSQL (${mismatches.total} difference(s)):\n  ${mismatches.listed.join('\n  ')}${more}`,
          )
        }
        return { target: target.where, tables, documents, sequences }
      })
    } finally {
      await target.close()
    }
  } finally {
    source.close()
  }
}
