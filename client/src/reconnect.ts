// Reconnects a y-websocket provider with capped full-jitter backoff instead of its own fixed schedule.
import type { WebsocketProvider } from 'y-websocket'
import { CloseCode, isFinalClose } from '../../shared/sync-protocol'

export type Backoff = { baseMs: number; capMs: number; random?: () => number }

export const defaultBackoff: Backoff = { baseMs: 500, capMs: 15_000 }

const promptReconnectMaxMs = 250

/**
 * Full jitter: anywhere between 0 and the capped exponential step, so a room full of clients that
 * lost the server together does not knock on its door together.
 */
export function backoffDelay(attempt: number, { baseMs, capMs, random = Math.random }: Backoff): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20)))
}

export type FinalClose = { code: number; reason: string }

export type ReconnectEvents = {
  onFinal(close: FinalClose): void
  onRightsChanged?(): void
  /** A (re)connect attempt was scheduled or has just failed. */
  onRetry?(attempt: number): void
}

export type Reconnector = {
  /** Stops connecting (the browser went offline); the document keeps every edit in memory. */
  pause(): void
  /** Connects now and starts the backoff from scratch. */
  resume(): void
  destroy(): void
}

export function manageReconnects(provider: WebsocketProvider, events: ReconnectEvents, backoff: Backoff = defaultBackoff): Reconnector {
  let attempt = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let paused = false
  let finished = false

  const schedule = (delayMs: number) => {
    clearTimeout(timer)
    if (paused || finished) return
    events.onRetry?.(attempt)
    timer = setTimeout(() => provider.connect(), delayMs)
  }

  // Every server close comes through here; returning false keeps the provider from retrying on its own.
  provider.shouldReconnect = (event) => {
    if (isFinalClose(event.code)) {
      finished = true
      events.onFinal({ code: event.code, reason: event.reason })
    } else if (event.code === CloseCode.rightsChanged) {
      events.onRightsChanged?.()
      schedule(Math.floor(Math.random() * promptReconnectMaxMs))
    } else {
      schedule(backoffDelay(attempt++, backoff))
    }
    return false
  }

  // A close without an event is ours (disconnect) or the provider's silence watchdog; take the latter over too.
  const onConnectionClose = (event: CloseEvent | null) => {
    if (event !== null || !provider.shouldConnect) return
    provider.shouldConnect = false
    schedule(backoffDelay(attempt++, backoff))
  }
  const onSync = (synced: boolean) => {
    if (synced) attempt = 0
  }
  provider.on('connection-close', onConnectionClose)
  provider.on('sync', onSync)

  return {
    pause() {
      paused = true
      clearTimeout(timer)
      provider.disconnect()
    },
    resume() {
      if (finished) return
      paused = false
      attempt = 0
      clearTimeout(timer)
      provider.connect()
    },
    destroy() {
      finished = true
      clearTimeout(timer)
      provider.off('connection-close', onConnectionClose)
      provider.off('sync', onSync)
    },
  }
}
