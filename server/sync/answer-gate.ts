// Client updates wait while a sync answer is being prepared: the answer holds only stored state, and
// without the wait a room typed into without pause would keep it waiting for the next store forever.

export class AnswerGate {
  private answering = 0
  private opened: { done: Promise<void>; open(): void } | undefined

  /** An answer starts waiting for the store: updates that arrive from now on wait for it. */
  close(): void {
    if (this.answering++ > 0) return
    let open!: () => void
    const done = new Promise<void>((resolve) => (open = resolve))
    this.opened = { done, open }
  }

  /** The answer is encoded: once no other answer waits, the held updates go on, in the order they came. */
  open(): void {
    if (--this.answering > 0) return
    this.opened?.open()
    this.opened = undefined
  }

  /** What an update waits for: undefined while no answer is prepared (go on at once, in order), else the last one's encoding. */
  get waitFor(): Promise<void> | undefined {
    return this.opened?.done
  }
}
