// Runs async jobs one after another, so that store calls of a room never overlap.
export class Serial {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job)
    // The chain goes on after a failed job; the caller still sees its error.
    this.tail = result.catch(() => undefined)
    return result
  }

  /** Resolves once every job queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined)
  }
}
