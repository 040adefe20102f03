// Sends each person one e-mail with everything that waited for them, once the oldest item has waited
// the digest interval. A failed send leaves the items pending for the next tick.
import type { Db } from '../../db/client'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import { composeDigest } from './mail-text'
import type { Mailer } from './mailer'
import { peopleWithPendingMail, pendingMailOf, readSettings, setMailState } from './store'

export type DigestDeps = { db: Db; clock: Clock; mailer: Mailer; log: Logger; digestMs: number; baseUrl: string }

/** Returns the number of e-mails sent. */
export async function sendDueDigests(deps: DigestDeps): Promise<number> {
  const { db, log } = deps
  const now = deps.clock.now().getTime()
  let sent = 0
  for (const person of await peopleWithPendingMail(db)) {
    if (person.oldest.getTime() + deps.digestMs > now) continue
    const pending = await pendingMailOf(db, person.userId)
    // The person may have switched a kind off (or lost the address) since the item was written.
    const wanted = new Set((await readSettings(db, person.userId)).filter((s) => s.email).map((s) => s.kind))
    const items = person.email ? pending.filter((item) => wanted.has(item.kind)) : []
    await setMailState(db, pending.filter((item) => !items.includes(item)).map((item) => item.id), 'off')
    if (items.length === 0 || !person.email) continue
    try {
      await deps.mailer.send({ to: person.email, ...composeDigest({ displayName: person.displayName, items, baseUrl: deps.baseUrl }) })
      await setMailState(db, items.map((item) => item.id), 'sent')
      sent++
    } catch (error) {
      log.warn('sending a notification digest failed; it is tried again', { user: person.userId, error })
    }
  }
  return sent
}
