// The database shape, once: tables only. Columns are camelCase in code, snake_case in SQL.
import { sql } from 'drizzle-orm'
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { notificationKinds, type NotificationDetail } from '../shared/notifications'
import type { VersionRecord } from '../shared/versions'

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`
const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)

export const departments = sqliteTable('departments', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Short tag used in mentions: `@WFB`. */
  tag: text('tag').notNull().unique(),
  createdAt: createdAt(),
})

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  departmentId: text('department_id')
    .notNull()
    .references(() => departments.id),
  role: text('role', { enum: ['lead', 'editor', 'viewer'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  /** Where notification digests go; set by an administrator (`npm run user`), never by the user (no redirect of mail elsewhere). */
  email: text('email'),
  /** Set when a lead or an administrator disables the account: no sign-in, no sessions. */
  disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
})

/** Login sessions; only a hash of the cookie token is stored. */
export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  /** The last request seen on this session, for the idle timeout (null: none since it was created). */
  lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }),
})

export const proposals = sqliteTable('proposals', {
  id: text('id').primaryKey(),
  number: text('number').notNull(),
  title: text('title').notNull(),
  status: text('status', { enum: ['draft', 'cosigning', 'cosigned', 'released'] }).notNull().default('draft'),
  /** The leading (federführende) department; checked against `departments` by the code that sets it. */
  leadDepartmentId: text('lead_department_id').notNull().default('sozialamt'),
  /** Who created it (null for demo papers and older rows); counts against the creation quota. */
  createdById: text('created_by_id').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  /** The content layout (`schemaVersion`) its stored document is known to be in; null: unknown, checked when its room loads. */
  contentLayout: integer('content_layout'),
})

/** The involved departments (beteiligte Stellen) of a proposal and the sections each signs for. */
export const proposalDepartments = sqliteTable(
  'proposal_departments',
  {
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id),
    /** JSON array of section names. */
    sections: text('sections', { mode: 'json' }).$type<string[]>().notNull(),
    /** The department's deadline (Mitzeichnung bis), a calendar date `YYYY-MM-DD`; null before the round starts. */
    due: text('due'),
    /** When the lead last extended the deadline (null: as set when the round started). */
    dueExtendedAt: integer('due_extended_at', { mode: 'timestamp_ms' }),
    /** 'suggest': the department's changes become suggestions the lead accepts; 'edit': it writes directly. */
    editMode: text('edit_mode', { enum: ['edit', 'suggest'] }).notNull().default('edit'),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.proposalId, table.departmentId] })],
)

/** Each department's current co-signature, bound to the hash of its sections when it was given. */
export const signatures = sqliteTable(
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
    sections: text('sections', { mode: 'json' }).$type<string[]>().notNull(),
    sectionsHash: text('sections_hash').notNull(),
    /** The full document state the signature was given on, to show what changed since. */
    signedState: blob('signed_state', { mode: 'buffer' }).notNull(),
    signedAt: integer('signed_at', { mode: 'timestamp_ms' }).notNull(),
    /** Set when a released proposal is reopened: the signature is outdated whatever the content. */
    voidedAt: integer('voided_at', { mode: 'timestamp_ms' }),
    /** Set when the signed sections were first seen changed (or the signature voided); null while it is current. */
    outdatedAt: integer('outdated_at', { mode: 'timestamp_ms' }),
  },
  (table) => [primaryKey({ columns: [table.proposalId, table.departmentId] })],
)

export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    /** The first comment of a thread has threadId = its own id. */
    threadId: text('thread_id').notNull(),
    /** JSON: { kind: 'position', positionId } or { kind: 'body', from, to } (Yjs relative positions, base64). */
    anchor: text('anchor', { mode: 'json' }).$type<Record<string, string>>(),
    text: text('text').notNull(),
    /** JSON array of mentioned department ids. */
    mentions: text('mentions', { mode: 'json' }).$type<string[]>().notNull(),
    /** JSON array of mentioned user ids (`@sozialamt.lead`). */
    mentionedUserIds: text('mentioned_user_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id),
    createdAt: createdAt(),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    resolvedById: text('resolved_by_id').references(() => users.id),
  },
  (table) => [index('comments_proposal').on(table.proposalId, table.threadId)],
)

/** Every signing and status change: who, when, what, on which content hash. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    userId: text('user_id').references(() => users.id),
    departmentId: text('department_id'),
    action: text('action').notNull(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    contentHash: text('content_hash').notNull(),
  },
  (table) => [index('audit_proposal').on(table.proposalId, table.id)],
)

/**
 * Append-only log of Yjs updates per document, folded into `docSnapshots` by compaction. The doc_*
 * tables hold user ids without foreign keys: the document store stands apart from the accounts.
 */
export const docUpdates = sqliteTable(
  'doc_updates',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    docName: text('doc_name').notNull(),
    update: blob('update', { mode: 'buffer' }).notNull(),
    /** Who sent it, from the session (null: the server itself, or stored before attribution existed). */
    userId: text('user_id'),
    departmentId: text('department_id'),
    createdAt: createdAt(),
  },
  (table) => [index('doc_updates_doc_seq').on(table.docName, table.seq)],
)

/**
 * Who owns each Yjs client id of a document: stamped by the server from the session when an update
 * with that client's first items is stored, never taken from the client. Survives compaction.
 */
export const docClients = sqliteTable(
  'doc_clients',
  {
    docName: text('doc_name').notNull(),
    clientId: integer('client_id').notNull(),
    /** null: the server's own writes (record projection, layout migration, seeds). */
    userId: text('user_id'),
    departmentId: text('department_id'),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.docName, table.clientId] })],
)

/**
 * What each person added and deleted in a document, one row per person and minute of editing, by Yjs
 * ids: the Verlauf and "who changed what" read it, and compaction leaves it alone.
 */
export const docEdits = sqliteTable(
  'doc_edits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    docName: text('doc_name').notNull(),
    userId: text('user_id').notNull(),
    departmentId: text('department_id').notNull(),
    firstAt: integer('first_at', { mode: 'timestamp_ms' }).notNull(),
    lastAt: integer('last_at', { mode: 'timestamp_ms' }).notNull(),
    /** Stored updates folded into this row. */
    updates: integer('updates').notNull(),
    /** JSON [client, fromClock, toClock) of the items added. */
    inserted: text('inserted', { mode: 'json' }).$type<[number, number, number][]>().notNull(),
    /** JSON [client, clock, length] of the items deleted. */
    deleted: text('deleted', { mode: 'json' }).$type<[number, number, number][]>().notNull(),
    /** JSON array of the sections touched. */
    sections: text('sections', { mode: 'json' }).$type<string[]>().notNull(),
  },
  (table) => [index('doc_edits_doc_user').on(table.docName, table.userId, table.id), index('doc_edits_doc_last').on(table.docName, table.lastAt)],
)

/** The compacted state of a document: every logged update up to `lastSeq` merged into one. */
export const docSnapshots = sqliteTable('doc_snapshots', {
  docName: text('doc_name').primaryKey(),
  state: blob('state', { mode: 'buffer' }).notNull(),
  /** Yjs state vector of `state`: a client can be greeted without decoding a large snapshot. */
  stateVector: blob('state_vector', { mode: 'buffer' }),
  lastSeq: integer('last_seq').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
})

/**
 * Named versions (Fassungen) of a proposal: the full content state plus the co-signature record as it
 * stood at that moment. Rows are never changed; a restore adds a new change to the live draft instead.
 */
export const versions = sqliteTable(
  'versions',
  {
    id: text('id').primaryKey(),
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    /** 1, 2, 3 … per proposal, in order of creation. */
    number: integer('number').notNull(),
    name: text('name').notNull(),
    /** manual, release (made by the release), restore (the live state kept before a restore). */
    origin: text('origin', { enum: ['manual', 'release', 'restore'] }).notNull(),
    /** Y.encodeStateAsUpdate of the stored content doc. */
    state: blob('state', { mode: 'buffer' }).notNull(),
    contentHash: text('content_hash').notNull(),
    /** JSON: status, involved departments and signatures (with `current`) at that moment. */
    record: text('record', { mode: 'json' }).$type<VersionRecord>().notNull(),
    createdById: text('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('versions_proposal_number').on(table.proposalId, table.number)],
)

/**
 * What happened that a person should know of (round started, signature outdated, deadline, mention,
 * reply, release): shown in the app, and sent in the person's next e-mail digest while `emailState` is pending.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    /** JSON: department, thread, actor, excerpt, due date — whatever the kind needs to be told and linked. */
    detail: text('detail', { mode: 'json' }).$type<NotificationDetail>().notNull(),
    /** Makes an event that a sweep finds again (a deadline) notify once per person. */
    dedupeKey: text('dedupe_key'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** Shown in the app (the person may want some kinds by e-mail only). */
    inApp: integer('in_app', { mode: 'boolean' }).notNull(),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
    /** pending: goes into the next digest; sent; off (no e-mail for this person and kind, or no SMTP). */
    emailState: text('email_state', { enum: ['pending', 'sent', 'off'] }).notNull(),
  },
  (table) => [
    index('notifications_user').on(table.userId, table.id),
    index('notifications_email').on(table.emailState, table.userId),
    uniqueIndex('notifications_dedupe').on(table.userId, table.dedupeKey),
  ],
)

/** A person's choice per event kind; a missing row means both on. */
export const notificationSettings = sqliteTable(
  'notification_settings',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    inApp: integer('in_app', { mode: 'boolean' }).notNull(),
    email: integer('email', { mode: 'boolean' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
)

/**
 * The server instances running on this database, each refreshing its heartbeat: how an instance learns
 * that it is one of several (and must hear the others over Redis). A row whose heartbeat is old, or whose
 * process on the same host is gone, is an instance that died.
 */
export const serverInstances = sqliteTable('server_instances', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  /** Whether it is connected to the others through Redis (REDIS_URL set). */
  redis: integer('redis', { mode: 'boolean' }).notNull(),
  createdAt: createdAt(),
  heartbeatAt: integer('heartbeat_at', { mode: 'timestamp_ms' }).notNull(),
})
