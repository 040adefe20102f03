// The server's whole configuration: read once from the environment, typed, with defaults.
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'

const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const
export type LogLevel = (typeof logLevels)[number]

const integer = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback)
const flag = () =>
  z
    .enum(['true', 'false'], 'must be true or false')
    .default('false')
    .transform((value) => value === 'true')

const envSchema = z.object({
  /** Loopback by default: demo accounts are only safe where nobody else can reach them. */
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: integer(8787, 0).refine((port) => port <= 65535, 'PORT must be at most 65535'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://user:pass@host:port/db selects PostgreSQL for everything; unset: SQLite under DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgres:// URL' }).optional(),
  /** PostgreSQL connections this instance keeps at most. */
  DATABASE_POOL_SIZE: integer(10, 1),
  /** How long a PostgreSQL connection attempt may take before the write is refused (503/4503). */
  DATABASE_CONNECT_TIMEOUT_MS: integer(5_000, 100),
  CLIENT_DIR: z.string().min(1).default('./dist/client'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /** Largest WebSocket frame a client may send; larger frames close that connection (1009). */
  MAX_MESSAGE_BYTES: integer(4 * 1024 * 1024, 1024),
  /** How long a room stays in memory after its last client left. */
  ROOM_IDLE_MS: integer(5_000),
  /** The update log of a document is folded into its snapshot after this many appended updates. */
  COMPACT_AFTER_UPDATES: integer(500, 1),
  // The snapshot worker keeps its heap while it lives: ended when idle this long, started again with the next compaction.
  SNAPSHOT_WORKER_IDLE_MS: integer(300_000, 100),
  /** SQLite `synchronous` in WAL mode: NORMAL survives a process crash, FULL also a power cut. */
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /** How long a write waits for a database locked by another process before it fails. */
  SQLITE_BUSY_TIMEOUT_MS: integer(500),
  /** WAL checkpoints run in a worker thread this often (ms); 0 leaves them to SQLite, inside commits. */
  SQLITE_CHECKPOINT_MS: integer(1_000),
  /** Delay before a room retries a store that failed. */
  STORE_RETRY_MS: integer(1_000, 1),
  /** A client whose unsent backlog passes this many bytes is not reading and is closed. */
  MAX_BUFFERED_BYTES: integer(16 * 1024 * 1024, 1024),
  /** Sustained messages per second one connection may send, and the burst allowed above it. */
  MESSAGES_PER_SECOND: integer(300, 1),
  MESSAGE_BURST: integer(3000, 1),
  /** Documents kept in memory at most; idle ones are unloaded least recently used first. */
  MAX_ROOMS: integer(2000, 1),
  /** Sync requests (sync step 1) per second one connection may send, and the burst above it. */
  SYNC_REQUESTS_PER_SECOND: integer(2, 1),
  SYNC_REQUEST_BURST: integer(10, 1),
  /** Largest document (bytes of stored Yjs state) that clients may still grow; over it updates are refused. */
  MAX_DOCUMENT_BYTES: integer(64 * 1024 * 1024, 1024),
  /** Bytes per second one user may send over all sync connections together, and the burst above it. */
  USER_BYTES_PER_SECOND: integer(256 * 1024, 1),
  USER_BYTE_BURST: integer(16 * 1024 * 1024, 1024),
  /** Documents one user may hold open at once (over all sessions and tabs). */
  MAX_ROOMS_PER_USER: integer(100, 1),
  /** Largest frame the server sends when it answers a sync; larger answers are split into several updates. */
  MAX_SEND_FRAME_BYTES: integer(1024 * 1024, 1024),
  /** How long a client may leave its backlog above the limit before it counts as not reading. */
  SLOW_CLIENT_GRACE_MS: integer(10_000, 1),
  /** WebSocket ping interval; a client that has not answered the previous ping is dropped. */
  WS_PING_MS: integer(30_000, 10),
  /** An HTTP connection that has not sent complete request headers within this time is closed. */
  HTTP_HEADERS_TIMEOUT_MS: integer(20_000, 10),
  /** Bearer token for GET /metrics; without one the endpoint is off. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must have at least 16 characters').optional(),
  /** What demo content start-up adds when missing: users and proposals, users only, or nothing. */
  SEED_DEMO: z.enum(['all', 'users', 'none']).default('all'),
  /** The organisation at the top of every exported paper. */
  ORGANISATION_NAME: z.string().trim().min(1).max(200).default('Landeshauptstadt Stuttgart'),
  /** Where users reach the app (scheme, host, port); its origin is trusted for state-changing requests; https makes the session cookie `__Host-` and Secure. */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'PUBLIC_BASE_URL must be an http(s) URL' })
    .refine((value) => !/[?#]/.test(value), 'PUBLIC_BASE_URL must have no query or fragment')
    .optional(),
  /** Further origins trusted for state-changing requests and sync upgrades (comma list), e.g. behind a reverse proxy. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'ALLOWED_ORIGINS: each entry must be an http(s) origin' }))),
  /** Longest time one DOCX/PDF render may take before its worker is terminated (the request answers 503). */
  RENDER_TIMEOUT_MS: integer(30_000, 100),
  /** Heap limit of each render worker in MB; a render over it kills only that worker (503). */
  RENDER_WORKER_MEMORY_MB: integer(512, 16),
  /** Demo accounts (password `demo`) on a non-loopback HOST only with this set to true. */
  ALLOW_DEMO_ACCOUNTS: flag(),
  /** Behind a reverse proxy: take the client address from the last X-Forwarded-For entry. */
  TRUST_PROXY: flag(),
  /** Wrong passwords allowed per user name / per client address before exponential back-off starts. */
  LOGIN_FREE_FAILURES_PER_USER: integer(5, 1),
  LOGIN_FREE_FAILURES_PER_ADDRESS: integer(20, 1),
  /** First back-off after the free failures, doubled per further failure, capped (short: no long lock-out). */
  LOGIN_BACKOFF_MS: integer(1_000, 1),
  LOGIN_BACKOFF_MAX_MS: integer(60_000, 1),
  /** User names and addresses the login throttle remembers at most (least recently used go first). */
  LOGIN_THROTTLE_MAX_ENTRIES: integer(10_000, 10),
  /** A session ends after this long without a request, and this long after sign-in in any case. */
  SESSION_IDLE_MS: integer(2 * 60 * 60 * 1000, 1),
  SESSION_MAX_AGE_MS: integer(12 * 60 * 60 * 1000, 1),
  /** How often open sockets are checked against their session: an expired or ended one closes them (4401). */
  SESSION_SWEEP_MS: integer(60_000, 10),
  /** Proposals one user may create per hour. */
  PROPOSALS_PER_HOUR: integer(30, 1),
  /** scrypt cost of new password hashes as log2 of N (14: N = 16 384); below 14 only for tests, where every sign-in pays it. */
  PASSWORD_HASH_COST: integer(14, 10).refine((cost) => cost <= 20, 'PASSWORD_HASH_COST must be at most 20'),
  /** The OParl 1.1 endpoint (/oparl/v1) answers everyone: OParl is meant for public data. */
  OPARL_PUBLIC: flag(),
  /** Bearer token of the council information system; without OPARL_PUBLIC only it reads /oparl/v1. Neither set: the endpoint is off. */
  OPARL_TOKEN: z.string().min(16, 'OPARL_TOKEN must have at least 16 characters').optional(),
  /** The OParl Body (the city or county); its name defaults to ORGANISATION_NAME. */
  OPARL_BODY_NAME: z.string().trim().min(1).max(200).optional(),
  OPARL_BODY_SHORT_NAME: z.string().trim().min(1).max(60).optional(),
  OPARL_BODY_WEBSITE: z.url({ protocol: /^https?$/, error: 'OPARL_BODY_WEBSITE must be an http(s) URL' }).optional(),
  /** Amtlicher Gemeindeschlüssel: eight digits. */
  OPARL_BODY_AGS: z.string().regex(/^\d{8}$/, 'OPARL_BODY_AGS must be eight digits').optional(),
  /** Objects per page of an OParl list (the spec recommends pages for lists over 100). */
  OPARL_PAGE_SIZE: integer(100, 1),
  /** A department's co-signing deadline when the lead starts a round without choosing one, in working days (Mon–Fri). */
  ROUND_DEADLINE_WORKING_DAYS: integer(10, 1),
  /** A reminder goes out when this many working days are left before a deadline. */
  DEADLINE_WARNING_WORKING_DAYS: integer(2, 0),
  /** The city's time zone: which calendar day it is for deadlines and e-mails. */
  TIME_ZONE: z
    .string()
    .default('Europe/Berlin')
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('de-DE', { timeZone: zone })
        return true
      } catch {
        return false
      }
    }, 'TIME_ZONE must be an IANA time zone such as Europe/Berlin'),
  /** The SMTP server for notification e-mails, e.g. smtp://user:pass@mail.example:587; without it no e-mail is sent. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'SMTP_URL must be an smtp:// or smtps:// URL' }).optional(),
  /** The sender of notification e-mails. */
  MAIL_FROM: z.string().trim().min(3).max(200).default('Mitzeichnung <mitzeichnung@localhost>'),
  /** Notifications of one person are collected this long and sent as one digest e-mail. */
  EMAIL_DIGEST_MINUTES: integer(15, 1),
  /** How often the server looks for deadlines that come near or pass and for digests that are due. */
  SCHEDULER_TICK_MS: integer(60_000, 10),
  /** Redis that several instances on one database tell each other through, e.g. redis://10.0.0.5:6379/0; required for a second instance. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// or rediss:// URL' }).optional(),
  /** Prefix of this installation's Redis channel (several installations may share one Redis). */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]{1,60}$/, 'REDIS_PREFIX: 1–60 letters, digits or _.:-').default('mitzeichnung:'),
  /** This instance's name in /api/health, logs and the instance table; default host name and process id. */
  INSTANCE_ID: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'INSTANCE_ID: 1–100 letters, digits or _.:-').optional(),
  /** How often an instance writes its heartbeat into the database; three missed ones count it as gone. */
  INSTANCE_HEARTBEAT_MS: integer(5_000, 100),
})

const loopbackHosts = new Set(['localhost', '::1', '[::1]'])
export const isLoopbackHost = (host: string) => loopbackHosts.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host)

export type Config = {
  host: string
  port: number
  dataDir: string
  databaseFile: string
  /** PostgreSQL instead of SQLite, when set. */
  postgres: { url: string; poolSize: number; connectTimeoutMs: number } | undefined
  clientDir: string
  logLevel: LogLevel
  maxMessageBytes: number
  roomIdleMs: number
  compactAfterUpdates: number
  snapshotWorkerIdleMs: number
  sqliteSynchronous: 'NORMAL' | 'FULL'
  sqliteBusyTimeoutMs: number
  checkpointEveryMs: number
  storeRetryMs: number
  seedDemo: 'all' | 'users' | 'none'
  passwordHashCost: number
  maxBufferedBytes: number
  messagesPerSecond: number
  messageBurst: number
  maxRooms: number
  metricsToken: string | undefined
  syncRequestsPerSecond: number
  syncRequestBurst: number
  maxDocumentBytes: number
  userBytesPerSecond: number
  userByteBurst: number
  maxRoomsPerUser: number
  maxSendFrameBytes: number
  slowClientGraceMs: number
  wsPingMs: number
  httpHeadersTimeoutMs: number
  /** The organisation at the top of every exported paper. */
  organisationName: string
  /** Where users reach the app, without a trailing slash; every absolute URL in exports is built from it, never from Host. */
  publicBaseUrl: string
  /** Origins trusted for state-changing requests and sync upgrades: the public base URL's and ALLOWED_ORIGINS. */
  allowedOrigins: string[]
  renderTimeoutMs: number
  renderWorkerMemoryMb: number
  trustProxy: boolean
  loginThrottle: LoginThrottleConfig
  session: { idleMs: number; maxAgeMs: number; sweepMs: number }
  proposalsPerHour: number
  oparl: OparlConfig
  round: { deadlineWorkingDays: number; warningWorkingDays: number; timeZone: string }
  /** E-mail digests of notifications; `smtpUrl` undefined: e-mail is off. */
  mail: { smtpUrl: string | undefined; from: string; digestMinutes: number }
  schedulerTickMs: number
  /** Several instances on one database: Redis (undefined: this instance must be the only one) and who this one is. */
  cluster: { redisUrl: string | undefined; redisPrefix: string; instanceId: string; heartbeatMs: number }
}

export type OparlConfig = {
  /** Anyone may read the endpoint. */
  public: boolean
  /** The bearer token that reads it when it is not public. */
  token: string | undefined
  pageSize: number
  body: { name: string; shortName?: string; website?: string; ags?: string }
}

export type LoginThrottleConfig = {
  freeFailuresPerUser: number
  freeFailuresPerAddress: number
  backoffMs: number
  backoffMaxMs: number
  maxEntries: number
}

export class ConfigError extends Error {}

/** Parses the environment; throws with every bad variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`)
  }
  const e = parsed.data
  if (e.SEED_DEMO !== 'none' && !isLoopbackHost(e.HOST) && !e.ALLOW_DEMO_ACCOUNTS) {
    throw new ConfigError(
      `Invalid configuration: SEED_DEMO=${e.SEED_DEMO} creates demo accounts with the password "demo", and HOST=${e.HOST} ` +
        'is reachable from other machines. Set SEED_DEMO=none (and add users with `npm run user -- add`), ' +
        'listen on 127.0.0.1, or set ALLOW_DEMO_ACCOUNTS=true for a demo installation.',
    )
  }
  const dataDir = path.resolve(e.DATA_DIR)
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '')
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databaseFile: path.join(dataDir, 'mitzeichnung.sqlite'),
    postgres: e.DATABASE_URL ? { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS } : undefined,
    clientDir: path.resolve(e.CLIENT_DIR),
    logLevel: e.LOG_LEVEL,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    roomIdleMs: e.ROOM_IDLE_MS,
    compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    snapshotWorkerIdleMs: e.SNAPSHOT_WORKER_IDLE_MS,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    sqliteBusyTimeoutMs: e.SQLITE_BUSY_TIMEOUT_MS,
    checkpointEveryMs: e.SQLITE_CHECKPOINT_MS,
    storeRetryMs: e.STORE_RETRY_MS,
    seedDemo: e.SEED_DEMO,
    passwordHashCost: e.PASSWORD_HASH_COST,
    maxBufferedBytes: e.MAX_BUFFERED_BYTES,
    messagesPerSecond: e.MESSAGES_PER_SECOND,
    messageBurst: e.MESSAGE_BURST,
    maxRooms: e.MAX_ROOMS,
    metricsToken: e.METRICS_TOKEN,
    syncRequestsPerSecond: e.SYNC_REQUESTS_PER_SECOND,
    syncRequestBurst: e.SYNC_REQUEST_BURST,
    maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
    userBytesPerSecond: e.USER_BYTES_PER_SECOND,
    userByteBurst: e.USER_BYTE_BURST,
    maxRoomsPerUser: e.MAX_ROOMS_PER_USER,
    maxSendFrameBytes: e.MAX_SEND_FRAME_BYTES,
    slowClientGraceMs: e.SLOW_CLIENT_GRACE_MS,
    wsPingMs: e.WS_PING_MS,
    httpHeadersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
    organisationName: e.ORGANISATION_NAME,
    publicBaseUrl,
    allowedOrigins: [...new Set([publicBaseUrl, ...e.ALLOWED_ORIGINS].map((url) => new URL(url).origin))],
    renderTimeoutMs: e.RENDER_TIMEOUT_MS,
    renderWorkerMemoryMb: e.RENDER_WORKER_MEMORY_MB,
    trustProxy: e.TRUST_PROXY,
    loginThrottle: {
      freeFailuresPerUser: e.LOGIN_FREE_FAILURES_PER_USER,
      freeFailuresPerAddress: e.LOGIN_FREE_FAILURES_PER_ADDRESS,
      backoffMs: e.LOGIN_BACKOFF_MS,
      backoffMaxMs: e.LOGIN_BACKOFF_MAX_MS,
      maxEntries: e.LOGIN_THROTTLE_MAX_ENTRIES,
    },
    session: { idleMs: e.SESSION_IDLE_MS, maxAgeMs: e.SESSION_MAX_AGE_MS, sweepMs: e.SESSION_SWEEP_MS },
    proposalsPerHour: e.PROPOSALS_PER_HOUR,
    oparl: {
      public: e.OPARL_PUBLIC,
      token: e.OPARL_TOKEN,
      pageSize: e.OPARL_PAGE_SIZE,
      body: {
        name: e.OPARL_BODY_NAME ?? e.ORGANISATION_NAME,
        ...(e.OPARL_BODY_SHORT_NAME && { shortName: e.OPARL_BODY_SHORT_NAME }),
        ...(e.OPARL_BODY_WEBSITE && { website: e.OPARL_BODY_WEBSITE }),
        ...(e.OPARL_BODY_AGS && { ags: e.OPARL_BODY_AGS }),
      },
    },
    round: { deadlineWorkingDays: e.ROUND_DEADLINE_WORKING_DAYS, warningWorkingDays: e.DEADLINE_WARNING_WORKING_DAYS, timeZone: e.TIME_ZONE },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, digestMinutes: e.EMAIL_DIGEST_MINUTES },
    schedulerTickMs: e.SCHEDULER_TICK_MS,
    cluster: {
      redisUrl: e.REDIS_URL,
      redisPrefix: e.REDIS_PREFIX,
      instanceId: e.INSTANCE_ID ?? `${os.hostname()}:${process.pid}`,
      heartbeatMs: e.INSTANCE_HEARTBEAT_MS,
    },
  }
}
