// A clock the test moves: real time plus an offset, so time still passes, and a deadline can pass at once.
import type { Clock } from '../../server/clock'

export type TestClock = Clock & {
  /** From now on, the clock reads this instant (and runs on from there). */
  set(instant: Date | string): void
  /** Moves the clock forward. */
  advance(ms: number): void
}

export function createTestClock(): TestClock {
  let offsetMs = 0
  return {
    now: () => new Date(Date.now() + offsetMs),
    set(instant) {
      offsetMs = new Date(instant).getTime() - Date.now()
    },
    advance(ms) {
      offsetMs += ms
    },
  }
}

export const days = (n: number) => n * 24 * 60 * 60 * 1000
