// The client's reconnect policy (client/src/reconnect.ts) on a stand-in provider, with fake timers:
// full-jitter backoff with a cap, 4001 back at once, 4400–4499 final. (The browser tests in
// test/e2e show the same policy against a real server.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { backoffDelay, manageReconnects } from '../../client/src/reconnect'

type Listener = (...args: unknown[]) => void

function fakeProvider() {
  const listeners = new Map<string, Listener[]>()
  const provider = {
    shouldConnect: true,
    connects: 0,
    shouldReconnect: (_event: CloseEvent) => true,
    on: (name: string, f: Listener) => listeners.set(name, [...(listeners.get(name) ?? []), f]),
    off: (name: string, f: Listener) => listeners.set(name, (listeners.get(name) ?? []).filter((g) => g !== f)),
    emit: (name: string, ...args: unknown[]) => (listeners.get(name) ?? []).forEach((f) => f(...args)),
    connect() {
      provider.connects++
      provider.shouldConnect = true
    },
    disconnect() {
      provider.shouldConnect = false
    },
    /** What y-websocket does when the server closes: ask, and stop when told not to retry. */
    serverCloses(code: number, reason = '') {
      provider.emit('connection-close', { code, reason })
      if (!provider.shouldReconnect({ code, reason } as CloseEvent)) provider.shouldConnect = false
    },
  }
  return provider
}

describe('reconnecting to the sync server', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('waits a random time between 0 and the capped exponential step (full jitter)', () => {
    const backoff = { baseMs: 500, capMs: 15_000 }
    expect(backoffDelay(0, { ...backoff, random: () => 0 })).toBe(0)
    expect(backoffDelay(0, { ...backoff, random: () => 0.999 })).toBe(499)
    expect(backoffDelay(3, { ...backoff, random: () => 0.5 })).toBe(2000)
    expect(backoffDelay(30, { ...backoff, random: () => 0.999 })).toBe(14_985)
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(4, backoff)))
    expect(spread.size).toBeGreaterThan(40)
  })

  it('retries a dropped connection after the backoff, and starts over once synced', () => {
    const provider = fakeProvider()
    manageReconnects(provider as unknown as WebsocketProvider, { onFinal: () => expect.unreachable() }, { baseMs: 1000, capMs: 8000, random: () => 0.999 })
    provider.serverCloses(1006)
    // First attempt: up to 1000 ms.
    vi.advanceTimersByTime(998)
    expect(provider.connects).toBe(0)
    vi.advanceTimersByTime(1)
    expect(provider.connects).toBe(1)
    provider.serverCloses(1006)
    // Second attempt: up to 2 × 1000 ms.
    vi.advanceTimersByTime(1997)
    expect(provider.connects).toBe(1)
    vi.advanceTimersByTime(1)
    expect(provider.connects).toBe(2)
    provider.emit('sync', true)
    provider.serverCloses(1006)
    vi.advanceTimersByTime(1000)
    expect(provider.connects).toBe(3)
  })

  it('comes back promptly after 4001 (rights changed) and asks for the new rights', () => {
    const provider = fakeProvider()
    const onRightsChanged = vi.fn()
    manageReconnects(provider as unknown as WebsocketProvider, { onFinal: () => expect.unreachable(), onRightsChanged })
    provider.serverCloses(4001, 'read-only now')
    expect(onRightsChanged).toHaveBeenCalledOnce()
    vi.advanceTimersByTime(250)
    expect(provider.connects).toBe(1)
  })

  it('stops for good on 4400–4499 and reports the reason', () => {
    const provider = fakeProvider()
    const onFinal = vi.fn()
    const reconnects = manageReconnects(provider as unknown as WebsocketProvider, { onFinal })
    provider.serverCloses(4403, 'clients may not write "status"')
    expect(onFinal).toHaveBeenCalledWith({ code: 4403, reason: 'clients may not write "status"' })
    vi.advanceTimersByTime(60_000)
    reconnects.resume()
    expect(provider.connects).toBe(0)
  })

  it('waits while the browser is offline and connects at once when it is back', () => {
    const provider = fakeProvider()
    const reconnects = manageReconnects(provider as unknown as WebsocketProvider, { onFinal: () => expect.unreachable() })
    reconnects.pause()
    expect(provider.shouldConnect).toBe(false)
    provider.serverCloses(1006)
    vi.advanceTimersByTime(60_000)
    expect(provider.connects).toBe(0)
    reconnects.resume()
    expect(provider.connects).toBe(1)
  })
})
