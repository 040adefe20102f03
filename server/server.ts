// Starts and stops the whole server: database, store, rooms, HTTP and WebSocket, in that order.
import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { openDatabase, type DatabaseHandle } from '../db/client'
import { createApp } from './app'
import type { Config } from './config'
import { createLogger, type Logger } from './log'
import { seedDemoProposals } from './seed/demo'
import { createSqliteDocStore } from './storage/sqlite-doc-store'
import { CloseCode } from './sync/protocol'
import { RoomRegistry } from './sync/rooms'

export type RunningServer = {
  url: string
  port: number
  database: DatabaseHandle
  rooms: RoomRegistry
  log: Logger
  stop(): Promise<void>
}

export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config.logLevel)
  const database = openDatabase(config.databaseFile, { synchronous: config.sqliteSynchronous })
  const store = createSqliteDocStore(database.db)
  if (config.seedDemo) {
    const added = await seedDemoProposals(database.db, store)
    if (added > 0) log.info('demo proposals added', { count: added })
  }
  const rooms = new RoomRegistry({
    store,
    log,
    roomIdleMs: config.roomIdleMs,
    compactAfterUpdates: config.compactAfterUpdates,
    storeRetryMs: config.storeRetryMs,
  })
  const { app, injectWebSocket, wss } = createApp({ config, db: database.db, store, rooms, log })

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s))
    s.once('error', reject)
  })
  injectWebSocket(server)
  const port = (server.address() as AddressInfo).port
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host
  const url = `http://${host}:${port}`
  log.info('server listening', { url, dataDir: config.dataDir })

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      // Sockets first, then the HTTP server, then SQLite: a room's last store needs the database.
      await rooms.closeAll(CloseCode.serverShutdown, 'server shutting down')
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      database.close()
      log.info('server stopped')
    })())

  return { url, port, database, rooms, log, stop }
}
