// An empty, migrated database of the backend under test, for tests of the storage layer without a server.
import path from 'node:path'
import { openDatabase, type DatabaseHandle } from '../../db/client'
import { openPostgres } from '../../db/postgres'
import { tempDataDir } from './server-process'
import { createPostgresDatabase, type Backend } from './services'

/** Opens it and queues its closing (and, on PostgreSQL, dropping) onto `cleanups`, run in reverse order. */
export async function openStoreDatabase(backend: Backend, label: string, cleanups: (() => Promise<void>)[]): Promise<DatabaseHandle> {
  if (backend === 'sqlite') {
    const handle = openDatabase(path.join(tempDataDir(label), 'store.sqlite'))
    cleanups.push(() => handle.close())
    return handle
  }
  const database = await createPostgresDatabase()
  cleanups.push(() => database.drop())
  const handle = await openPostgres(database.url, { poolSize: 3 })
  cleanups.push(() => handle.close())
  return handle
}
