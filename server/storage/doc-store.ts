// The storage a room needs, and nothing more: load a document, append updates, compact the log.
// A room only sees this interface, so another backend (PostgreSQL) can replace SQLite.

export type StoredDoc = {
  /** The snapshot (if any) followed by every logged update after it, in order. */
  updates: Uint8Array[]
  /** Sequence number of the newest update included; 0 when nothing was stored yet. */
  lastSeq: number
  /** The state vector of `updates`, when they are a snapshot alone whose vector was stored with it. */
  stateVector?: Uint8Array
}

export type DocStoreStats = {
  logLength: number
  logBytes: number
  snapshotBytes: number
}

export interface DocStore {
  load(docName: string): Promise<StoredDoc>
  /** Durably appends the updates in one transaction; resolves with the sequence number of the last. */
  append(docName: string, updates: Uint8Array[]): Promise<number>
  /** Replaces every logged update up to `upToSeq` with `state` (and its state vector), which must contain all of them. */
  compact(docName: string, state: Uint8Array, stateVector: Uint8Array, upToSeq: number): Promise<void>
  stats(docName: string): Promise<DocStoreStats>
}
