// A token bucket: allows bursts up to `burst` messages, refilled at `perSecond`.
export class TokenBucket {
  private tokens: number
  private refilledAt = performance.now()

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst
  }

  /** Whether the bucket has refilled completely: forgetting it then changes nothing. */
  isFull(): boolean {
    return this.tokens + ((performance.now() - this.refilledAt) / 1000) * this.perSecond >= this.burst
  }

  /** Takes `count` tokens (one by default); false, taking none, when the bucket holds fewer. */
  take(count = 1): boolean {
    const now = performance.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond)
    this.refilledAt = now
    if (this.tokens < count) return false
    this.tokens -= count
    return true
  }
}
