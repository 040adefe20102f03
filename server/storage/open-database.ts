// The one place that picks the backend: PostgreSQL when DATABASE_URL is set, else SQLite under DATA_DIR.
import { openDatabase, type DatabaseHandle } from '../../db/client'
import { openPostgres } from '../../db/postgres'
import type { Config } from '../config'

export async function openConfiguredDatabase(config: Config, onWarning: (message: string, error: string) => void): Promise<DatabaseHandle> {
  if (config.postgres) {
    return openPostgres(config.postgres.url, {
      poolSize: config.postgres.poolSize,
      connectTimeoutMs: config.postgres.connectTimeoutMs,
      onPoolError: (error) => onWarning('a PostgreSQL connection failed', error),
    })
  }
  return openDatabase(config.databaseFile, {
    synchronous: config.sqliteSynchronous,
    busyTimeoutMs: config.sqliteBusyTimeoutMs,
    checkpointEveryMs: config.checkpointEveryMs,
    onCheckpointError: (error) => onWarning('WAL checkpoint failed', error),
  })
}
