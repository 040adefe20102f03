// How much of a document's log lies beyond its snapshot, as its room knows it: counted as batches are
// stored, applied from other instances or caught up, and dropped when a compaction folds them.
export const bytesOf = (updates: readonly { update: Uint8Array }[]) => updates.reduce((sum, { update }) => sum + update.length, 0)

/** The logged batches by their last seq, so a compaction up to a seq drops exactly the batches it folded. */
export class LoggedTally {
  private readonly batches: { seq: number; length: number; bytes: number }[] = []
  length = 0
  bytes = 0

  add(seq: number, length: number, bytes: number): void {
    if (length === 0) return
    this.batches.push({ seq, length, bytes })
    this.length += length
    this.bytes += bytes
  }

  /** Drops the batches a compaction up to `seq` folded (a caught-up batch may sit behind a newer one). */
  foldedUpTo(seq: number): void {
    let kept = 0
    for (const batch of this.batches) {
      if (batch.seq <= seq) {
        this.length -= batch.length
        this.bytes -= batch.bytes
      } else this.batches[kept++] = batch
    }
    this.batches.length = kept
  }
}
