// Waits for a condition with a deadline, instead of sleeping for a fixed time.

/** The longest pause between two checks: a long wait on a starved machine does not spend it on polling. */
const slowestIntervalMs = 100

/**
 * Checks `condition` until it holds: first after `intervalMs` (10), then each pause half as long again, up to
 * 100 ms (or `intervalMs` when that is longer), so a quick condition is seen at once and a slow one costs little.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<NonNullable<T>> {
  const { timeoutMs = 10_000, intervalMs = 10, what = 'condition' } = options
  const deadline = Date.now() + timeoutMs
  const longestPause = Math.max(intervalMs, slowestIntervalMs)
  let pause = intervalMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await condition()
      if (value) return value as NonNullable<T>
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('server exited')) throw error
      lastError = error
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError}` : ''}`)
    }
    await new Promise((resolve) => setTimeout(resolve, pause))
    pause = Math.min(longestPause, pause * 1.5)
  }
}
