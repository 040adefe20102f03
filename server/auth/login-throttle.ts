// Login throttling: exponential back-off per user name and per client address, in bounded memory.
import type { LoginThrottleConfig } from '../config'

export type ThrottleScope = 'user' | 'address'

/** Why an attempt is refused right now, and for how long. */
export type ThrottleVerdict = { scope: ThrottleScope; retryAfterMs: number }

type Entry = { failures: number; lastFailureAt: number; lockedUntil: number }

export type LoginThrottle = {
  /** Undefined when the attempt may go ahead; otherwise the longest lock that applies. */
  check(username: string, address: string): ThrottleVerdict | undefined
  /** Counts a wrong password; returns the scopes that became locked by it. */
  failed(username: string, address: string): ThrottleScope[]
  /** A correct password clears the user name's failures (the address keeps its own). */
  succeeded(username: string): void
  readonly size: number
}

export function createLoginThrottle(config: LoginThrottleConfig, now: () => number = Date.now): LoginThrottle {
  // Insertion order is recency order (entries are re-inserted on use), so the first key is the least recently used.
  const entries = new Map<string, Entry>()
  // Failures are forgotten after a quiet spell, so old typos do not add up over weeks.
  const forgetAfterMs = Math.max(10 * config.backoffMaxMs, 15 * 60 * 1000)
  const keyOf = (scope: ThrottleScope, value: string) => `${scope}:${scope === 'user' ? value.trim().toLowerCase() : value}`
  const freeFailures = (scope: ThrottleScope) =>
    scope === 'user' ? config.freeFailuresPerUser : config.freeFailuresPerAddress

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key)
    if (entry && now() - entry.lastFailureAt > forgetAfterMs && entry.lockedUntil <= now()) {
      entries.delete(key)
      return undefined
    }
    return entry
  }

  const remember = (key: string, entry: Entry) => {
    entries.delete(key)
    entries.set(key, entry)
    while (entries.size > config.maxEntries) entries.delete(entries.keys().next().value!)
  }

  const scopes = (username: string, address: string) =>
    [
      ['user', keyOf('user', username)],
      ['address', keyOf('address', address)],
    ] as const

  return {
    check(username, address) {
      let verdict: ThrottleVerdict | undefined
      for (const [scope, key] of scopes(username, address)) {
        const retryAfterMs = (live(key)?.lockedUntil ?? 0) - now()
        if (retryAfterMs > 0 && retryAfterMs > (verdict?.retryAfterMs ?? 0)) verdict = { scope, retryAfterMs }
      }
      return verdict
    },
    failed(username, address) {
      const locked: ThrottleScope[] = []
      for (const [scope, key] of scopes(username, address)) {
        const entry = live(key) ?? { failures: 0, lastFailureAt: 0, lockedUntil: 0 }
        entry.failures++
        entry.lastFailureAt = now()
        const over = entry.failures - freeFailures(scope)
        if (over >= 0) {
          // 1×, 2×, 4× … the first back-off, never more than the cap.
          entry.lockedUntil = now() + Math.min(config.backoffMs * 2 ** Math.min(over, 30), config.backoffMaxMs)
          locked.push(scope)
        }
        remember(key, entry)
      }
      return locked
    },
    succeeded(username) {
      entries.delete(keyOf('user', username))
    },
    get size() {
      return entries.size
    },
  }
}
