// The server's whole configuration: read once from the environment, typed, with defaults.
import path from 'node:path'
import { z } from 'zod'

const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const
export type LogLevel = (typeof logLevels)[number]

const integer = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback)

const envSchema = z.object({
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: integer(8787, 0).refine((port) => port <= 65535, 'PORT must be at most 65535'),
  DATA_DIR: z.string().min(1).default('./data'),
  CLIENT_DIR: z.string().min(1).default('./dist/client'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /** Largest WebSocket frame a client may send; larger frames close that connection (1009). */
  MAX_MESSAGE_BYTES: integer(4 * 1024 * 1024, 1024),
  /** How long a room stays in memory after its last client left. */
  ROOM_IDLE_MS: integer(5_000),
  /** The update log of a document is folded into its snapshot after this many appended updates. */
  COMPACT_AFTER_UPDATES: integer(500, 1),
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
})

export type Config = {
  host: string
  port: number
  dataDir: string
  databaseFile: string
  clientDir: string
  logLevel: LogLevel
  maxMessageBytes: number
  roomIdleMs: number
  compactAfterUpdates: number
  sqliteSynchronous: 'NORMAL' | 'FULL'
  sqliteBusyTimeoutMs: number
  checkpointEveryMs: number
  storeRetryMs: number
  seedDemo: 'all' | 'users' | 'none'
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
  const dataDir = path.resolve(e.DATA_DIR)
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databaseFile: path.join(dataDir, 'mitzeichnung.sqlite'),
    clientDir: path.resolve(e.CLIENT_DIR),
    logLevel: e.LOG_LEVEL,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    roomIdleMs: e.ROOM_IDLE_MS,
    compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    sqliteBusyTimeoutMs: e.SQLITE_BUSY_TIMEOUT_MS,
    checkpointEveryMs: e.SQLITE_CHECKPOINT_MS,
    storeRetryMs: e.STORE_RETRY_MS,
    seedDemo: e.SEED_DEMO,
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
  }
}
