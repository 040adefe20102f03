// `npm run migrate-to-postgres -- [--sqlite FILE] [--database-url postgres://…]`: copies a stopped
// installation's SQLite database into an empty PostgreSQL database and checks the copy (docs/DEPLOYMENT.md).
import { parseArgs } from 'node:util'
import { MigrationError, migrateSqliteToPostgres } from '../db/sqlite-to-postgres/copy'
import { ConfigError, loadConfig } from '../server/config'

const usage = `usage: npm run migrate-to-postgres -- [--sqlite FILE] [--database-url postgres://user@host:5432/database]
  --sqlite        the SQLite file (default: the server's, DATA_DIR/mitzeichnung.sqlite)
  --database-url  an EMPTY PostgreSQL database (default: the DATABASE_URL environment variable)
Stop the server first. The copy runs in one transaction and commits only when every row and every
document's Yjs state read back from PostgreSQL equals the SQLite original.`

function main(): Promise<void> | void {
  let args: ReturnType<typeof parse>
  try {
    args = parse()
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`)
    process.exitCode = 2
    return
  }
  if (args.help) return console.log(usage)
  return run(args)
}

const parse = () =>
  parseArgs({ options: { sqlite: { type: 'string' }, 'database-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values

async function run(args: ReturnType<typeof parse>): Promise<void> {
  try {
    const sqliteFile = args.sqlite ?? loadConfig().databaseFile
    console.log(`Copying ${sqliteFile} to PostgreSQL …`)
    const report = await migrateSqliteToPostgres({
      sqliteFile,
      databaseUrl: args['database-url'] ?? process.env.DATABASE_URL,
      onProgress: (line) => console.log(`  ${line}`),
    })
    const width = Math.max(...report.tables.map((table) => table.name.length))
    console.log(`Done: ${report.target} holds a verified copy.`)
    for (const table of report.tables) console.log(`  ${table.name.padEnd(width)}  ${String(table.rows).padStart(8)} rows, equal`)
    console.log(`  ${report.documents} documents: Yjs states byte-identical`)
    for (const reset of report.sequences) console.log(`  ${reset.table}.${reset.column} continues at ${reset.next}`)
    console.log('Start the server with DATABASE_URL set to this database; keep the SQLite file as a backup.')
  } catch (error) {
    if (!(error instanceof MigrationError || error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exitCode = 1
  }
}

await main()
