// Builds the HTTP application: REST under /api and the client at / (Hono), and the sync WebSocket
// under /sync (ws, on the server's 'upgrade' event).
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { DomainError, statusOfDomainError } from './domain-errors'
import { isStorageUnavailable, type Db } from '../db/client'
import { storageErrorMessage } from '../db/errors'
import { ProposalSchemaError } from '../shared/model/errors'
import { createLoginThrottle } from './auth/login-throttle'
import { sessionKeyOf, sessionPolicyFor } from './auth/sessions'
import type { Config } from './config'
import { authRoutes } from './http/auth'
import { proposalRoutes } from './http/proposals'
import { exportRoutes } from './http/export-routes'
import { recordRoutes } from './http/record-routes'
import { userRoutes } from './http/user-routes'
import { requireSession } from './http/session'
import { originCheck, requireJsonBody } from './http/origin-check'
import { securityHeaders } from './http/security-headers'
import { staticClient } from './http/static-client'
import { versionRoutes } from './http/version-routes'
import { oparlAccess, oparlRoutes } from './http/oparl-routes'
import { createExporter } from './export/exporter'
import { createRenderPool } from './export/render-pool'
import { createOparlEndpoint } from './oparl/endpoint'
import { oparlPath } from './oparl/urls'
import { meRoutes } from './http/me-routes'
import type { RoundEvents } from './notifications/events'
import type { LiveHub } from './notifications/live-hub'
import type { RoundCalendar } from './proposals/calendar'
import type { Logger } from './log'
import type { Metrics } from './metrics'
import type { RecordSync } from './proposals/record-sync'
import { proposalAccess } from './http/proposal-access'
import type { ProposalRooms } from './sync/proposal-rooms'
import type { DocStore } from './storage/doc-store'
import type { InstanceHealth } from './cluster/health'
import { decideSyncAccess } from './sync/access'
import type { RightsChanges } from './sync/rights-changes'
import { RoomCapacityError, type RoomRegistry } from './sync/rooms'
import { UserBudgets } from './sync/user-budgets'
import { attachSyncSocket } from './sync/socket'
import { createSyncUpgrade } from './sync/upgrade'

export type AppDeps = {
  config: Config
  db: Db
  store: DocStore
  rooms: RoomRegistry
  record: RecordSync
  proposalRooms: ProposalRooms
  metrics: Metrics
  log: Logger
  calendar: RoundCalendar
  events: RoundEvents
  /** The open per-person channels of GET /api/me/events. */
  hub: LiveHub
  mailEnabled: boolean
  /** Sign-outs and rights changes: applied to open sockets here and on the other instances. */
  rights: RightsChanges
  /** This instance, its database and its Redis, for /api/health. */
  health(): Promise<InstanceHealth>
  /** The render workers' entry module (default: the one beside render-pool). */
  renderWorkerEntry?: URL
}

/** A live channel writes at least this often, and checks its session then. */
const liveHeartbeatMs = 25_000

export function createApp(deps: AppDeps) {
  const { config, db, store, rooms, record, proposalRooms, metrics, log, calendar, events, hub, rights } = deps
  const app = new Hono()
  // One pool of render workers for every export: the version downloads and the OParl files.
  const render = createRenderPool({ timeoutMs: config.renderTimeoutMs, memoryMb: config.renderWorkerMemoryMb, entry: deps.renderWorkerEntry })
  const exporter = createExporter({ organisationName: config.organisationName, render })
  const oparlEndpoint = createOparlEndpoint({ db, rooms: proposalRooms, exporter, publicBaseUrl: config.publicBaseUrl, oparl: config.oparl })
  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status)
    // A document this code cannot read (a newer layout) is refused clearly, not answered with a 500.
    if (error instanceof ProposalSchemaError) return c.json({ error: error.message }, 409)
    if (error instanceof DomainError) return c.json({ ...error.details, error: error.message }, statusOfDomainError(error))
    if (error instanceof RoomCapacityError) {
      log.warn('request refused: every open document is in use', { path: c.req.path })
      return c.json({ error: error.message }, 503, { 'Retry-After': '5' })
    }
    if (isStorageUnavailable(error)) {
      log.error('request failed: storage unavailable', { path: c.req.path, error })
      return c.json({ error: `storage unavailable, nothing was saved: ${storageErrorMessage(error)}` }, 503)
    }
    log.error('request failed', { path: c.req.path, error })
    return c.json({ error: 'internal server error' }, 500)
  })

  app.use('*', securityHeaders({ publicBaseUrl: config.publicBaseUrl }))
  // Before the body limit and every route: a cross-site request is refused before anything reads it.
  app.use('/api/*', originCheck(config.allowedOrigins), requireJsonBody())
  app.use('/api/*', bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json({ error: 'request body too large' }, 413) }))

  app.get('/api/health', async (c) => {
    const storeErrors = rooms.storeErrors()
    const instance = await deps.health()
    const degraded = storeErrors.length > 0 || instance.database.state !== 'ok' || instance.redis.state === 'connecting'
    return c.json({ status: degraded ? 'degraded' : 'ok', rooms: rooms.size, storeErrors, ...instance })
  })
  app.get('/metrics', async (c) => {
    // Off unless a token is configured; then only with that token.
    if (!config.metricsToken) return c.json({ error: 'not found' }, 404)
    if (c.req.header('authorization') !== `Bearer ${config.metricsToken}`) return c.json({ error: 'metrics need the bearer token' }, 401)
    return c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType })
  })
  // Applied to this instance's sockets and channels, and announced to the other instances.
  const onLogout = (token: string) => rights.changed({ kind: 'session-ended', sessionKey: sessionKeyOf(token) })
  const sessions = sessionPolicyFor(config)
  const onUserChanged = (userId: string) => rights.changed({ kind: 'user-changed', userId })
  const throttle = createLoginThrottle(config.loginThrottle)
  app.route('/api', authRoutes({ db, sessions, throttle, trustProxy: config.trustProxy, passwordCost: config.passwordHashCost, metrics, log, onLogout, onSessionsEnded: onUserChanged }))
  app.use('/api/*', requireSession(db, sessions))
  app.route('/api/proposals', proposalRoutes({ db, store, proposalsPerHour: config.proposalsPerHour }))
  app.use('/api/proposals/:id/*', proposalAccess(db))
  const onRightsChanged = (proposalId: string) => rights.changed({ kind: 'proposal-rights-changed', proposalId })
  app.route('/api/proposals', recordRoutes({ db, rooms: proposalRooms, record, onRightsChanged, calendar, events }))
  app.route('/api', meRoutes({ db, calendar, hub, mailEnabled: deps.mailEnabled, heartbeatMs: liveHeartbeatMs }))
  app.route('/api', userRoutes({ db, log, passwordCost: config.passwordHashCost, onRightsChanged: onUserChanged }))
  app.route('/api/proposals', versionRoutes({ db, rooms: proposalRooms }))
  app.route('/api/proposals', exportRoutes({ db, rooms: proposalRooms, config, exporter, oparl: oparlEndpoint }))
  app.all('/api/*', (c) => c.json({ error: 'not found' }, 404))

  // OParl: no session, no cookie; the bearer token or OPARL_PUBLIC decides (oparlAccess).
  app.use(`${oparlPath}/*`, oparlAccess(config.oparl))
  app.get(`${oparlPath}/`, (c) => c.redirect(oparlEndpoint.urls.system, 301))
  app.route(oparlPath, oparlRoutes(oparlEndpoint))
  app.all('/oparl/*', (c) => c.json({ error: 'not found' }, 404))

  // One budget per user over all their sync connections: more sockets buy no more messages.
  const userBudgets = new UserBudgets({
    messagesPerSecond: config.messagesPerSecond,
    messageBurst: config.messageBurst,
    bytesPerSecond: config.userBytesPerSecond,
    byteBurst: config.userByteBurst,
  })
  const sync = createSyncUpgrade({
    maxMessageBytes: config.maxMessageBytes,
    allowedOrigins: config.allowedOrigins,
    decideAccess: (cookieHeader, proposalId, kind) => decideSyncAccess(db, sessions, cookieHeader, proposalId, kind),
    onSocket: (ws, roomName, access) =>
      attachSyncSocket(ws, {
        roomName,
        access,
        rooms,
        log,
        metrics,
        limits: {
          maxMessageBytes: config.maxMessageBytes,
          maxBufferedBytes: config.maxBufferedBytes,
          slowClientGraceMs: config.slowClientGraceMs,
          maxSendFrameBytes: config.maxSendFrameBytes,
          syncRequestsPerSecond: config.syncRequestsPerSecond,
          syncRequestBurst: config.syncRequestBurst,
          maxDocumentBytes: config.maxDocumentBytes,
        },
        userBudgets,
        userLimits: { messagesPerSecond: config.messagesPerSecond, bytesPerSecond: config.userBytesPerSecond },
      }),
    log,
  })

  // An upgrade never reaches Hono (server/sync/upgrade.ts); a plain request here is told what it lacks.
  app.all('/sync/*', (c) => c.json({ error: 'the sync endpoint speaks WebSocket only' }, 426, { Upgrade: 'websocket' }))

  const client = staticClient(config.clientDir)
  app.use('/*', client.files)
  // A missing script or style is a 404, not the app shell: an old tab then fails visibly.
  app.get('/assets/*', (c) => c.json({ error: 'not found' }, 404))
  // Client-side routes (/p/:id) get the app shell.
  app.get('*', client.shell)

  return { app, sync }
}
