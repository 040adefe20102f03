// The database shape on PostgreSQL: the same tables, columns, keys and indexes as db/schema.ts (the
// parity test holds them together). Every column stores the driver value its SQLite twin stores —
// milliseconds as bigint, JSON as text, bytes as bytea — so one set of queries serves both dialects.
import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, customType, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { notificationKinds, type NotificationDetail } from '../shared/notifications'
import type { VersionRecord } from '../shared/versions'

/** A point in time as milliseconds since the epoch (SQLite's `timestamp_ms`): a JS Date in code. */
const timestampMs = customType<{ data: Date; driverData: number | string }>({
  dataType: () => 'bigint',
  toDriver: (value) => value.getTime(),
  fromDriver: (value) => new Date(Number(value)),
})

/** JSON kept as text (SQLite's `text` JSON mode), so both dialects read and write the same strings. */
const jsonText = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => 'text',
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => JSON.parse(value) as T,
  })(name)

/** Bytes (SQLite's `blob` buffer mode): Yjs updates, snapshots, state vectors. */
const bytes = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })

const now = sql`((extract(epoch from clock_timestamp()) * 1000)::bigint)`
const createdAt = () => timestampMs('created_at').notNull().default(now)
/** Sequence numbers and ids: bigint in SQL, a JS number in code (they stay far below 2^53). */
const serialId = (name: string) => bigserial(name, { mode: 'number' })

export const departments = pgTable('departments', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tag: text('tag').notNull().unique(),
  createdAt: createdAt(),
})

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  departmentId: text('department_id')
    .notNull()
    .references(() => departments.id),
  role: text('role', { enum: ['lead', 'editor', 'viewer'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  email: text('email'),
  disabledAt: timestampMs('disabled_at'),
  createdAt: createdAt(),
})

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: timestampMs('expires_at').notNull(),
  lastSeenAt: timestampMs('last_seen_at'),
})

export const proposals = pgTable('proposals', {
  id: text('id').primaryKey(),
  number: text('number').notNull(),
  title: text('title').notNull(),
  status: text('status', { enum: ['draft', 'cosigning', 'cosigned', 'released'] }).notNull().default('draft'),
  leadDepartmentId: text('lead_department_id').notNull().default('sozialamt'),
  createdById: text('created_by_id').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: timestampMs('updated_at').notNull().default(now),
  contentLayout: integer('content_layout'),
})

export const proposalDepartments = pgTable(
  'proposal_departments',
  {
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id),
    sections: jsonText<string[]>('sections').notNull(),
    due: text('due'),
    dueExtendedAt: timestampMs('due_extended_at'),
    editMode: text('edit_mode', { enum: ['edit', 'suggest'] }).notNull().default('edit'),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.proposalId, table.departmentId] })],
)

export const signatures = pgTable(
  'signatures',
  {
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id),
    stance: text('stance', { enum: ['acknowledged', 'approved', 'remarks', 'objection'] }).notNull(),
    remark: text('remark').notNull().default(''),
    signerId: text('signer_id')
      .notNull()
      .references(() => users.id),
    sections: jsonText<string[]>('sections').notNull(),
    sectionsHash: text('sections_hash').notNull(),
    signedState: bytes('signed_state').notNull(),
    signedAt: timestampMs('signed_at').notNull(),
    voidedAt: timestampMs('voided_at'),
    outdatedAt: timestampMs('outdated_at'),
  },
  (table) => [primaryKey({ columns: [table.proposalId, table.departmentId] })],
)

export const comments = pgTable(
  'comments',
  {
    id: text('id').primaryKey(),
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    threadId: text('thread_id').notNull(),
    anchor: jsonText<Record<string, string>>('anchor'),
    text: text('text').notNull(),
    mentions: jsonText<string[]>('mentions').notNull(),
    mentionedUserIds: jsonText<string[]>('mentioned_user_ids').notNull().default(sql`'[]'`),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id),
    createdAt: createdAt(),
    resolvedAt: timestampMs('resolved_at'),
    resolvedById: text('resolved_by_id').references(() => users.id),
  },
  (table) => [index('comments_proposal').on(table.proposalId, table.threadId)],
)

export const auditLog = pgTable(
  'audit_log',
  {
    id: serialId('id').primaryKey(),
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    at: timestampMs('at').notNull(),
    userId: text('user_id').references(() => users.id),
    departmentId: text('department_id'),
    action: text('action').notNull(),
    detail: jsonText<Record<string, unknown>>('detail').notNull(),
    contentHash: text('content_hash').notNull(),
  },
  (table) => [index('audit_proposal').on(table.proposalId, table.id)],
)

export const docUpdates = pgTable(
  'doc_updates',
  {
    seq: serialId('seq').primaryKey(),
    docName: text('doc_name').notNull(),
    update: bytes('update').notNull(),
    userId: text('user_id'),
    departmentId: text('department_id'),
    createdAt: createdAt(),
  },
  (table) => [index('doc_updates_doc_seq').on(table.docName, table.seq)],
)

export const docClients = pgTable(
  'doc_clients',
  {
    docName: text('doc_name').notNull(),
    /** Yjs client ids are unsigned 32-bit: beyond PostgreSQL's integer. */
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    userId: text('user_id'),
    departmentId: text('department_id'),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.docName, table.clientId] })],
)

export const docEdits = pgTable(
  'doc_edits',
  {
    id: serialId('id').primaryKey(),
    docName: text('doc_name').notNull(),
    userId: text('user_id').notNull(),
    departmentId: text('department_id').notNull(),
    firstAt: timestampMs('first_at').notNull(),
    lastAt: timestampMs('last_at').notNull(),
    updates: integer('updates').notNull(),
    inserted: jsonText<[number, number, number][]>('inserted').notNull(),
    deleted: jsonText<[number, number, number][]>('deleted').notNull(),
    sections: jsonText<string[]>('sections').notNull(),
  },
  (table) => [index('doc_edits_doc_user').on(table.docName, table.userId, table.id), index('doc_edits_doc_last').on(table.docName, table.lastAt)],
)

export const docSnapshots = pgTable('doc_snapshots', {
  docName: text('doc_name').primaryKey(),
  state: bytes('state').notNull(),
  stateVector: bytes('state_vector'),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  updatedAt: timestampMs('updated_at').notNull().default(now),
})

export const versions = pgTable(
  'versions',
  {
    id: text('id').primaryKey(),
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    origin: text('origin', { enum: ['manual', 'release', 'restore'] }).notNull(),
    state: bytes('state').notNull(),
    contentHash: text('content_hash').notNull(),
    record: jsonText<VersionRecord>('record').notNull(),
    createdById: text('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('versions_proposal_number').on(table.proposalId, table.number)],
)

export const notifications = pgTable(
  'notifications',
  {
    id: serialId('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    detail: jsonText<NotificationDetail>('detail').notNull(),
    dedupeKey: text('dedupe_key'),
    createdAt: timestampMs('created_at').notNull(),
    inApp: boolean('in_app').notNull(),
    readAt: timestampMs('read_at'),
    emailState: text('email_state', { enum: ['pending', 'sent', 'off'] }).notNull(),
  },
  (table) => [
    index('notifications_user').on(table.userId, table.id),
    index('notifications_email').on(table.emailState, table.userId),
    uniqueIndex('notifications_dedupe').on(table.userId, table.dedupeKey),
  ],
)

export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    inApp: boolean('in_app').notNull(),
    email: boolean('email').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
)

export const serverInstances = pgTable('server_instances', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  redis: boolean('redis').notNull(),
  createdAt: createdAt(),
  heartbeatAt: timestampMs('heartbeat_at').notNull(),
})
