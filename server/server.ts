// Starts and stops the whole server: database, store, rooms, HTTP and WebSocket, in that order.
import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import type { DatabaseHandle } from '../db/client'
import { openConfiguredDatabase } from './storage/open-database'
import { createApp } from './app'
import type { Config } from './config'
import { createLogger, type LogSink, type Logger } from './log'
import { createMetrics } from './metrics'
import { seedDemoProposals, seedDemoUsers } from './seed/demo'
import { createDocStore } from './storage/sql-doc-store'
import { createSnapshotMerger } from './storage/snapshot-merger'
import { CloseCode } from './sync/protocol'
import { recheckPeers } from './sync/recheck'
import { RoomRegistry } from './sync/rooms'
import { parseRoomName } from './sync/access'
import { createContentGuard } from './sync/update-guard'
import { RecordSync } from './proposals/record-sync'
import { ProposalRooms } from './sync/proposal-rooms'
import { contentRootNames } from '../shared/model'
import { closeSilentConnections, idleLimits, keepSocketsAlive } from './sync/keepalive'
import { migrateLoadedContent } from './sync/content-migration'
import { systemClock, type Clock } from './clock'
import { RoundCalendar } from './proposals/calendar'
import { DeadlineSweep } from './proposals/deadlines'
import { LiveHub } from './notifications/live-hub'
import { createMailer } from './notifications/mailer'
import { Notifier } from './notifications/notifier'
import { sendDueDigests } from './notifications/digest'
import { Scheduler, type ScheduledTask } from './scheduler'
import type { ClusterLink } from './cluster/cluster-link'
import { instanceHealth } from './cluster/health'
import { registerInstance, type InstanceRegistration } from './cluster/instances'
import { RightsChanges } from './sync/rights-changes'

export type RunningServer = {
  url: string
  port: number
  database: DatabaseHandle
  rooms: RoomRegistry
  log: Logger
  /** Runs the clock-driven work (deadline sweep, due digests) now: tests move their clock, then call this. */
  runScheduledWork(): Promise<void>
  stop(): Promise<void>
}

export type ServerOptions = {
  logSink?: LogSink
  /** The time deadlines, notifications and digests go by; tests pass one they can move. */
  clock?: Clock
  /** The render workers' entry module; tests in one process hand the compiled one, which starts without tsx. */
  renderWorkerEntry?: URL
}

export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const log = createLogger(config.logLevel, options.logSink)
  const database = await openConfiguredDatabase(config, (message, error) => log.warn(message, { error }))
  // Before anything else touches the database: a second instance without Redis stops here, with the reason.
  let registration: InstanceRegistration
  try {
    registration = await registerInstance(database.db, {
      instanceId: config.cluster.instanceId,
      redis: config.cluster.redisUrl !== undefined,
      heartbeatMs: config.cluster.heartbeatMs,
      log,
    })
  } catch (error) {
    await database.close()
    throw error
  }
  const store = createDocStore(database.db)
  // Compaction builds snapshots in a worker thread, started with the first one.
  const snapshots = createSnapshotMerger({ idleMs: config.snapshotWorkerIdleMs })
  if (config.seedDemo !== 'none') {
    const users = await seedDemoUsers(database.db, config.passwordHashCost)
    const proposals = config.seedDemo === 'all' ? await seedDemoProposals(database.db, store) : 0
    if (users + proposals > 0) log.info('demo content added', { users, proposals })
  }
  const metrics = createMetrics()
  let record: RecordSync | undefined
  let cluster: ClusterLink | undefined
  const rooms = new RoomRegistry({
    store,
    log,
    roomIdleMs: config.roomIdleMs,
    compactAfterUpdates: config.compactAfterUpdates,
    mergeSnapshot: (parts) => snapshots.merge(parts),
    storeRetryMs: config.storeRetryMs,
    // Clients write only the content parts of a proposal, and nothing of its record.
    writableRootsOf: (name) => (parseRoomName(name).kind === 'content' ? contentRootNames : new Set()),
    // …and only what the proposal model allows there (types, lengths, rich-text nodes, safe links).
    guardOf: (name) => (parseRoomName(name).kind === 'content' ? createContentGuard() : undefined),
    onRoomLoaded: async (room, stored) => {
      migrateLoadedContent(room, stored.contentLayout, { store, log })
      // Before any await: whatever the room stores from now on also goes out to the other instances.
      cluster?.onRoomLoaded(room)
      await record!.onRoomLoaded(room)
    },
    maxRooms: config.maxRooms,
    maxRoomsPerUser: config.maxRoomsPerUser,
    maxSendFrameBytes: config.maxSendFrameBytes,
    metrics,
  })
  metrics.watch(rooms)
  const proposalRooms = new ProposalRooms(rooms)
  const clock = options.clock ?? systemClock
  const calendar = new RoundCalendar(clock, config.round)
  const hub = new LiveHub()
  const mailer = createMailer(config.mail.smtpUrl, config.mail.from)
  const events = new Notifier({ db: database.db, clock, hub, log, mailEnabled: mailer !== undefined })
  record = new RecordSync(database.db, proposalRooms, log, { calendar, events })
  const rights = new RightsChanges({ db: database.db, rooms, hub })
  if (config.cluster.redisUrl) {
    const { redisUrl, redisPrefix, instanceId } = config.cluster
    // Loaded only with Redis configured: a single instance does not pay for the Redis client.
    const { ClusterLink } = await import('./cluster/cluster-link')
    cluster = new ClusterLink({ redisUrl, redisPrefix, instanceId, rooms, record, rights, hub, log, metrics })
  }
  const health = () => instanceHealth({ instanceId: config.cluster.instanceId, db: database.db, bus: cluster?.bus, registration })
  const sweep = new DeadlineSweep({ db: database.db, calendar, record, events })
  const tasks: ScheduledTask[] = [{ name: 'deadlines', run: () => sweep.run() }]
  if (mailer) {
    const digests = { db: database.db, clock, mailer, log, digestMs: config.mail.digestMinutes * 60_000, baseUrl: config.publicBaseUrl }
    tasks.push({ name: 'e-mail digests', run: () => sendDueDigests(digests) })
  }
  const scheduler = new Scheduler(tasks, config.schedulerTickMs, log)
  const { app, sync } = createApp({
    config,
    db: database.db,
    store,
    rooms,
    record,
    proposalRooms,
    metrics,
    log,
    calendar,
    events,
    hub,
    mailEnabled: mailer !== undefined,
    rights,
    health,
    renderWorkerEntry: options.renderWorkerEntry,
  })

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port, serverOptions: idleLimits(config) }, () => resolve(s))
    s.once('error', reject)
  })
  // The sync WebSocket bypasses Hono: ws takes the upgrade itself (server/sync/upgrade.ts).
  server.on('upgrade', sync.onUpgrade)
  closeSilentConnections(server, config.httpHeadersTimeoutMs)
  const stopKeepAlive = keepSocketsAlive(sync.wss, config.wsPingMs)
  const port = (server.address() as AddressInfo).port
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host
  const url = `http://${host}:${port}`
  log.info('server listening', {
    url,
    storage: config.postgres ? 'postgresql' : `sqlite in ${config.dataDir}`,
    instance: config.cluster.instanceId,
    redis: cluster ? 'on' : 'off',
  })

  // A socket outlives no session: once its session has expired or ended, the sweep closes it.
  const sessionSweep = setInterval(
    () => void recheckPeers(database.db, rooms, () => true).catch((error) => log.warn('the session sweep failed', { error })),
    config.session.sweepMs,
  )
  sessionSweep.unref()
  scheduler.start()

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(sessionSweep)
      await scheduler.stop()
      hub.closeAll()
      // Sockets first, then the HTTP server, then SQLite: a room's last store needs the database.
      stopKeepAlive()
      await rooms.closeAll(CloseCode.serverShutdown, 'server shutting down')
      // Every room's last compaction is done.
      await snapshots.close()
      // After the rooms' last stores went out to the others.
      await cluster?.stop()
      await registration.stop()
      for (const client of sync.wss.clients) client.terminate()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // Keep-alive connections end with the server: a client must not send its next request into one.
      if ('closeAllConnections' in server) server.closeAllConnections()
      await closed
      mailer?.close()
      await database.close()
      log.info('server stopped')
    })())

  return { url, port, database, rooms, log, runScheduledWork: () => scheduler.runNow(), stop }
}
