// Prometheus metrics of the sync server, in a registry of our own (no global state).
import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { DocStore } from './storage/doc-store'
import type { RoomRegistry } from './sync/rooms'

/** What a room reports about its work; the room does not know Prometheus. */
export type RoomMetrics = {
  updatesAccepted(count: number): void
  updateRefused(reason: string): void
  stored(seconds: number): void
  fannedOut(seconds: number): void
  /** A sync answer was encoded from the document (not served from a cache). */
  syncAnswerEncoded(): void
}

export type Metrics = RoomMetrics & {
  registry: Registry
  connectionOpened(): void
  connectionClosed(): void
  /** A sign-in with a wrong password, and one refused by the throttle without checking the password. */
  loginFailed(): void
  loginThrottled(scope: 'user' | 'address'): void
  /** Reads the gauges that are computed on demand (rooms, log sizes). */
  watch(rooms: RoomRegistry, store: DocStore): void
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

  return {
    registry,
    loginFailed: () => loginFailures.inc(),
    loginThrottled: (scope) => loginThrottled.inc({ scope }),
    connectionOpened: () => connections.inc(),
    connectionClosed: () => connections.dec(),
    updatesAccepted: (count) => accepted.inc(count),
    updateRefused: (reason) => refused.inc({ reason }),
    stored: (seconds) => storeLatency.observe(seconds),
    fannedOut: (seconds) => fanoutLatency.observe(seconds),
    syncAnswerEncoded: () => answersEncoded.inc(),
    watch(rooms, store) {
      new Gauge({
        name: 'mz_rooms_in_memory',
        help: 'Documents loaded in memory',
        registers: [registry],
        collect() {
          this.set(rooms.size)
        },
      })
      const logGauge = (name: string, help: string, pick: (s: Awaited<ReturnType<DocStore['stats']>>) => number) =>
        new Gauge({
          name,
          help,
          labelNames: ['room'] as const,
          registers: [registry],
          async collect() {
            this.reset()
            for (const room of rooms.loadedRooms()) this.set({ room: room.name }, pick(await store.stats(room.name)))
          },
        })
      logGauge('mz_update_log_length', 'Updates in the log since the last snapshot, per loaded room', (s) => s.logLength)
      logGauge('mz_update_log_bytes', 'Bytes in the log since the last snapshot, per loaded room', (s) => s.logBytes)
    },
  }
}
