// The instances running on one database, in its `server_instances` table: each writes a heartbeat, so
// a starting instance knows whether it is alone. Several instances must hear each other through Redis;
// a start that would make a second one without it is refused with a message saying what to do.
import os from 'node:os'
import { eq, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { serverInstances } from '../../db/schema'
import { dialectOf, queryRows, transaction } from '../../db/transaction'
import { ConfigError } from '../config'
import type { Logger } from '../log'

/** This instance would run beside another that it cannot hear (or that cannot hear it). */
export class ClusterRefusal extends ConfigError {}

/** Heartbeats an instance may miss before it counts as gone. */
const missedHeartbeats = 3

export type InstanceRow = typeof serverInstances.$inferSelect

export type InstanceRegistration = {
  /** The other instances alive now (as their heartbeats say). */
  others(): Promise<InstanceRow[]>
  /** Stops the heartbeat and removes this instance's row. */
  stop(): Promise<void>
}

export type RegisterOptions = { instanceId: string; redis: boolean; heartbeatMs: number; log: Logger }

/** Registers this instance, or throws ClusterRefusal when it would share the database without Redis. */
export async function registerInstance(db: Db, options: RegisterOptions): Promise<InstanceRegistration> {
  const { instanceId, redis, heartbeatMs, log } = options
  const host = os.hostname()
  const isAlive = (row: InstanceRow, now: number) =>
    row.id !== instanceId &&
    row.heartbeatAt.getTime() > now - missedHeartbeats * heartbeatMs &&
    // On this host a killed process is known gone at once, without waiting for its heartbeat to age.
    !(row.host === host && !processExists(row.pid))
  const others = async () => {
    const now = Date.now()
    return (await db.select().from(serverInstances)).filter((row) => isAlive(row, now))
  }

  await transaction(db, async (tx) => {
    // Two instances starting at once see each other's row, never both an empty table: SQLite's transaction
    // holds the write lock from its start; PostgreSQL's takes the table, which readers still read.
    if (dialectOf(db) === 'postgres') await queryRows(tx, sql`lock table ${serverInstances} in exclusive mode`)
    const now = Date.now()
    const rows = await tx.select().from(serverInstances).where(ne(serverInstances.id, instanceId))
    const alive = rows.filter((row) => isAlive(row, now))
    const refusal = refusalFor(redis, alive)
    if (refusal) throw new ClusterRefusal(refusal)
    for (const row of rows) if (!alive.includes(row)) await tx.delete(serverInstances).where(eq(serverInstances.id, row.id))
    const values = { host, pid: process.pid, redis, heartbeatAt: new Date(now) }
    await tx.insert(serverInstances).values({ id: instanceId, ...values }).onConflictDoUpdate({ target: serverInstances.id, set: values })
  })

  const heartbeat = setInterval(() => {
    // A locked database delays one heartbeat; three in a row would let a newcomer think we are gone.
    db.update(serverInstances)
      .set({ heartbeatAt: new Date() })
      .where(eq(serverInstances.id, instanceId))
      .then(
        () => undefined,
        (error: unknown) => log.warn('writing the instance heartbeat failed', { error }),
      )
  }, heartbeatMs)
  heartbeat.unref()

  return {
    others,
    async stop() {
      clearInterval(heartbeat)
      try {
        await db.delete(serverInstances).where(eq(serverInstances.id, instanceId))
      } catch (error) {
        log.warn('removing the instance row failed', { error })
      }
    },
  }
}

function refusalFor(redis: boolean, alive: InstanceRow[]): string | undefined {
  const name = (row: InstanceRow) => `"${row.id}" (host ${row.host}, pid ${row.pid})`
  if (alive.length === 0) return undefined
  if (!redis) {
    return (
      `Another server instance, ${name(alive[0]!)}, is running on this database. Instances sharing a database must tell ` +
      'each other about edits and rights changes through Redis: set REDIS_URL (the same Redis and REDIS_PREFIX) on every ' +
      'instance (see docs/DEPLOYMENT.md), or stop the other instance first.'
    )
  }
  const deaf = alive.find((row) => !row.redis)
  if (deaf) {
    return (
      `Another server instance, ${name(deaf)}, is running on this database without REDIS_URL: it would not hear this ` +
      'instance. Restart it with REDIS_URL set (see docs/DEPLOYMENT.md) before starting more instances.'
    )
  }
  return undefined
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
