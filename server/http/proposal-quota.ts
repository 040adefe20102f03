// How many proposals one user may create per hour, counted from the proposals table (survives restarts).
import { and, asc, eq, gt } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { proposals } from '../../db/schema'

const hourMs = 60 * 60 * 1000

/** Milliseconds until the user may create another proposal; 0 when they may now. */
export async function creationQuotaWaitMs(db: Db, userId: string, perHour: number, now = Date.now()): Promise<number> {
  const recent = await db
    .select({ createdAt: proposals.createdAt })
    .from(proposals)
    .where(and(eq(proposals.createdById, userId), gt(proposals.createdAt, new Date(now - hourMs))))
    .orderBy(asc(proposals.createdAt))
  if (recent.length < perHour) return 0
  // A slot frees when the creation that used it leaves the hour.
  const freesAt = recent[recent.length - perHour]!.createdAt.getTime() + hourMs
  return Math.max(1, freesAt - now)
}
