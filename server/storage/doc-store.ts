// The storage a room needs, and nothing more: load a document, append updates, compact the log.
// A room only sees this interface, so another backend (PostgreSQL) can replace SQLite.

/** Who an update is stamped with: a user from the session, or the server itself (null). */
export type UpdateAuthor = { userId: string; departmentId: string } | null

/** What an update adds and deletes, by Yjs ids, and where: kept with its author through compaction. */
export type UpdateFacts = {
  /** [client, fromClock, toClock) of the items it adds. */
  inserted: [number, number, number][]
  /** [client, clock, length] of the items it deletes. */
  deleted: [number, number, number][]
  /** The sections of the proposal it touches. */
  sections: string[]
}

/** One update to append, with its server-stamped author and facts. */
export type AuthoredUpdate = { update: Uint8Array; author: UpdateAuthor; facts: UpdateFacts }

/** The owner of a Yjs client id: a user id, or null for the server itself. */
export type ClientOwners = Map<number, string | null>

export type StoredDoc = {
  /** The snapshot (if any) followed by every logged update after it, in order. */
  updates: Uint8Array[]
  /** Sequence number of the newest update included; 0 when nothing was stored yet. */
  lastSeq: number
  /** The state vector of `updates`, when they are a snapshot alone whose vector was stored with it. */
  stateVector?: Uint8Array
  /** Who owns each client id that wrote to the document (as far as the server knows). */
  owners: ClientOwners
  /** The logged updates after the snapshot (not the snapshot): how many, and their bytes. */
  logged?: { length: number; bytes: number }
  /**
   * The content layout (`schemaVersion`) a proposal's content document is recorded to be in, read before
   * the updates; undefined when unknown (never checked, or not a content document).
   */
  contentLayout?: number
}

export type DocStoreStats = {
  logLength: number
  logBytes: number
  snapshotBytes: number
}

/**
 * Where an appended batch sits in its document's log: `seq` of its last update, and `prevSeq`, the
 * document's highest sequence number before it (read in the same transaction; 0 for the first). Sequence
 * numbers are global, so another instance knows it missed something when a batch's prevSeq is beyond
 * what it has applied.
 */
export type AppendResult = { seq: number; prevSeq: number }

/** One stored update (or the snapshot, standing for every update up to its seq) with its sequence number. */
export type SequencedUpdate = { seq: number; update: Uint8Array }

export interface DocStore {
  load(docName: string): Promise<StoredDoc>
  /**
   * Durably appends the updates in one transaction, with their authors, the owners of the client ids
   * they bring and what each person added and deleted; resolves with where the batch sits in the log.
   * Appends to one document are totally ordered (across instances too).
   */
  append(docName: string, updates: AuthoredUpdate[]): Promise<AppendResult>
  /**
   * Every update stored after `afterSeq`, in order. When compaction folded some of them into the snapshot
   * (its seq is beyond `afterSeq`), the snapshot comes first, then the tail: applying them catches up.
   */
  loadSince(docName: string, afterSeq: number): Promise<SequencedUpdate[]>
  /**
   * What a compaction up to `upToSeq` folds: the snapshot (if any), then every logged update after it up
   * to `upToSeq`, in order. Undefined when there is nothing to fold (the snapshot already reaches `upToSeq`).
   */
  loadForCompaction(docName: string, upToSeq: number): Promise<Uint8Array[] | undefined>
  /**
   * Replaces every logged update up to `upToSeq` with `state` (and its state vector), which must contain
   * all of them. False when another compaction of the document runs (it is skipped); a snapshot never
   * replaces a newer one.
   */
  compact(docName: string, state: Uint8Array, stateVector: Uint8Array, upToSeq: number): Promise<boolean>
  stats(docName: string): Promise<DocStoreStats>
  /**
   * Records that the stored content document is in content layout `layout`; call only once a check of the
   * stored state and any migration it wrote are stored. A recorded layout only ever rises.
   */
  recordContentLayout(docName: string, layout: number): Promise<void>
}
