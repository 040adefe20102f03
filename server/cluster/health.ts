// What /api/health says about this instance: its name, whether its database answers, and its Redis.
import { sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { queryRows } from '../../db/transaction'
import type { RedisBus } from './bus'
import type { InstanceRegistration } from './instances'

export type InstanceHealth = {
  instance: string
  database: { state: 'ok' } | { state: 'unavailable'; error: string }
  /** off: no REDIS_URL (a single instance); connecting: lost or not yet there, serving own clients meanwhile. */
  redis: { state: 'off' } | { state: 'ready'; lagMs: number | null } | { state: 'connecting'; downForMs: number }
  /** Other instances alive on this database, as their heartbeats say. */
  otherInstances: number
}

export async function instanceHealth(deps: { instanceId: string; db: Db; bus: RedisBus | undefined; registration: InstanceRegistration }): Promise<InstanceHealth> {
  const { instanceId, db, bus, registration } = deps
  let database: InstanceHealth['database'] = { state: 'ok' }
  let otherInstances = 0
  try {
    await queryRows(db, sql`select 1`)
    otherInstances = (await registration.others()).length
  } catch (error) {
    database = { state: 'unavailable', error: error instanceof Error ? error.message : String(error) }
  }
  const redis: InstanceHealth['redis'] = !bus
    ? { state: 'off' }
    : bus.isReady
      ? { state: 'ready', lagMs: bus.lastLagMs ?? null }
      : { state: 'connecting', downForMs: Date.now() - (bus.downSince ?? Date.now()) }
  return { instance: instanceId, database, redis, otherInstances }
}
