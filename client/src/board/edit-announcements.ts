// Who edits the content, from a Yjs transaction, and a throttle so a screen reader hears about a
// colleague's typing once per person and field every few seconds, not once per keystroke.
import type * as Y from 'yjs'

/** How long the same person in the same field stays quiet after being announced. */
export const announceEveryMs = 10_000

/** The clients whose clocks advanced in the transaction: the authors of what it inserted. */
export function authorsOf(transaction: Pick<Y.Transaction, 'beforeState' | 'afterState'>): number[] {
  const authors: number[] = []
  for (const [clientId, clock] of transaction.afterState) {
    if (clock > (transaction.beforeState.get(clientId) ?? 0)) authors.push(clientId)
  }
  return authors
}

/** Says for a key (person + field) whether it may be announced now; each key at most once per `everyMs`. */
export function createAnnouncementThrottle(everyMs = announceEveryMs, now: () => number = Date.now): (key: string) => boolean {
  const lastAnnounced = new Map<string, number>()
  return (key) => {
    const at = now()
    const last = lastAnnounced.get(key)
    if (last !== undefined && at - last < everyMs) return false
    // Forget keys whose quiet time is over: the map holds only the last few seconds' editors.
    for (const [other, time] of lastAnnounced) if (at - time >= everyMs) lastAnnounced.delete(other)
    lastAnnounced.set(key, at)
    return true
  }
}

const controls = 'input, textarea, select, [contenteditable]'

/** A board field's name as its control is labelled (`data-field` marks the field's box), or undefined. */
export function fieldLabel(root: ParentNode, field: string): string | undefined {
  const box = root.querySelector(`[data-field="${CSS.escape(field)}"]`)
  const control = box?.matches(controls) ? box : box?.querySelector(controls)
  if (!control) return undefined
  const label = control.getAttribute('aria-label') ?? (control as HTMLInputElement).labels?.[0]?.textContent ?? undefined
  return label?.replace(/\s*\*\s*$/, '').trim() || undefined
}
