// How far a room has applied its document's log: the highest sequence number up to which every stored
// update of that document is in the room. Batches stored by this or another instance arrive as
// (prevSeq, seq) links; one whose prevSeq is beyond the mark means something was missed.
export class SeqWatermark {
  /** Applied batches not yet connected to the mark: prevSeq → seq. */
  private readonly ahead = new Map<number, number>()

  constructor(private mark: number) {}

  /** Every stored update of the document up to this sequence number is applied. */
  get value(): number {
    return this.mark
  }

  /** Applied batches wait for an earlier one that has not arrived (or never will). */
  get hasGap(): boolean {
    return this.ahead.size > 0
  }

  /** Notes an applied batch; false when it does not follow the mark (a gap before it). */
  applied(prevSeq: number, seq: number): boolean {
    if (seq <= this.mark) return true
    if (prevSeq > this.mark) {
      this.ahead.set(prevSeq, seq)
      return false
    }
    this.advance(seq)
    return true
  }

  /** Whether a batch ending at `seq` is applied already (at or below the mark, or noted ahead of it). */
  covers(seq: number): boolean {
    return seq <= this.mark || [...this.ahead.values()].includes(seq)
  }

  /** Everything up to `seq` was read from the database and applied. */
  caughtUpTo(seq: number): void {
    this.advance(seq)
  }

  private advance(seq: number): void {
    this.mark = Math.max(this.mark, seq)
    // Batches that waited for this one now follow the mark.
    for (let moved = true; moved; ) {
      moved = false
      for (const [prevSeq, next] of this.ahead) {
        if (prevSeq > this.mark) continue
        this.ahead.delete(prevSeq)
        this.mark = Math.max(this.mark, next)
        moved = true
      }
    }
  }
}
