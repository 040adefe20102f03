// Prometheus metrics of the sync server, in a registry of our own (no global state).
import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { RoomRegistry } from './sync/rooms'
import type { CatchUpReason } from './sync/room-remote'

/** What a room reports about its work; the room does not know Prometheus. */
export type RoomMetrics = {
  updatesAccepted(count: number): void
  updateRefused(reason: string): void
  stored(seconds: number): void
  fannedOut(seconds: number): void
  /** A sync answer was encoded from the document (not served from a cache). */
  syncAnswerEncoded(): void
  /** The room read updates it had missed back from the store (another instance's), and why. */
  caughtUp(reason: CatchUpReason, updates: number): void
}

/** What the Redis side of an instance reports. */
export type BusMetrics = {
  /** A message of another instance arrived this long after it was sent. */
  messageReceived(lagSeconds: number): void
  publishFailed(): void
  /** Reads whether the subscription stands when scraped. */
  watchBus(isReady: () => boolean): void
}

export type Metrics = RoomMetrics & BusMetrics & {
  registry: Registry
  connectionOpened(): void
  connectionClosed(): void
  /** A sign-in with a wrong password, and one refused by the throttle without checking the password. */
  loginFailed(): void
  loginThrottled(scope: 'user' | 'address'): void
  /** Reads the gauges that are computed on demand (rooms, log sizes). */
  watch(rooms: RoomRegistry): void
}

export function createMetrics(): Metrics {
  const registry = new Registry()
  const connections = new Gauge({ name: 'mz_open_connections', help: 'Open sync WebSocket connections', registers: [registry] })
  const accepted = new Counter({ name: 'mz_updates_accepted_total', help: 'Document updates stored and broadcast', registers: [registry] })
  const refused = new Counter({
    name: 'mz_updates_refused_total',
    help: 'Document updates or messages refused',
    labelNames: ['reason'] as const,
    registers: [registry],
  })
  const answersEncoded = new Counter({
    name: 'mz_sync_answers_encoded_total',
    help: 'Sync answers encoded from a document rather than served from a cache',
    registers: [registry],
  })
  const storeLatency = new Histogram({
    name: 'mz_store_seconds',
    help: 'Time to append a batch of updates durably',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  })
  const fanoutLatency = new Histogram({
    name: 'mz_fanout_seconds',
    help: 'Time from receiving an update to handing it to every other client',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  })
  const loginFailures = new Counter({ name: 'mz_login_failures_total', help: 'Sign-ins with a wrong password', registers: [registry] })
  const loginThrottled = new Counter({
    name: 'mz_login_throttled_total',
    help: 'Sign-ins refused with 429 by the back-off, by what was locked',
    labelNames: ['scope'] as const,
    registers: [registry],
  })

  const catchUps = new Counter({
    name: 'mz_catch_ups_total',
    help: 'Times a room read updates it had missed back from the database, by why (gap, reconnect, offline, read)',
    labelNames: ['reason'] as const,
    registers: [registry],
  })
  const caughtUpUpdates = new Counter({
    name: 'mz_catch_up_updates_total',
    help: 'Updates (or snapshots) read back from the database by catch-ups',
    registers: [registry],
  })
  const redisLag = new Histogram({
    name: 'mz_redis_lag_seconds',
    help: "Time from another instance's publish to its arrival here (their clock against ours)",
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  })
  const redisPublishFailures = new Counter({
    name: 'mz_redis_publish_failures_total',
    help: 'Messages to the other instances that could not be sent (they catch up from the database)',
    registers: [registry],
  })

  return {
    registry,
    caughtUp: (reason, updates) => {
      catchUps.inc({ reason })
      caughtUpUpdates.inc(updates)
    },
    messageReceived: (seconds) => redisLag.observe(seconds),
    publishFailed: () => redisPublishFailures.inc(),
    watchBus(isReady) {
      new Gauge({
        name: 'mz_redis_connected',
        help: '1 while the Redis subscription stands, 0 while it is lost',
        registers: [registry],
        collect() {
          this.set(isReady() ? 1 : 0)
        },
      })
    },
    loginFailed: () => loginFailures.inc(),
    loginThrottled: (scope) => loginThrottled.inc({ scope }),
    connectionOpened: () => connections.inc(),
    connectionClosed: () => connections.dec(),
    updatesAccepted: (count) => accepted.inc(count),
    updateRefused: (reason) => refused.inc({ reason }),
    stored: (seconds) => storeLatency.observe(seconds),
    fannedOut: (seconds) => fanoutLatency.observe(seconds),
    syncAnswerEncoded: () => answersEncoded.inc(),
    watch(rooms) {
      new Gauge({
        name: 'mz_rooms_in_memory',
        help: 'Documents loaded in memory',
        registers: [registry],
        collect() {
          this.set(rooms.size)
        },
      })
      // From the rooms' own counts: a scrape never reads the database, once per room or at all.
      const logGauge = (name: string, help: string, pick: (size: { length: number; bytes: number }) => number) =>
        new Gauge({
          name,
          help,
          labelNames: ['room'] as const,
          registers: [registry],
          collect() {
            this.reset()
            for (const room of rooms.loadedRooms()) this.set({ room: room.name }, pick(room.logSize))
          },
        })
      logGauge('mz_update_log_length', 'Updates in the log since the last snapshot, per loaded room', (s) => s.length)
      logGauge('mz_update_log_bytes', 'Bytes in the log since the last snapshot, per loaded room', (s) => s.bytes)
    },
  }
}
