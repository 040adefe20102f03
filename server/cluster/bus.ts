// The Redis connections of one instance: a publisher and a subscriber on one channel per installation.
// Pub/sub delivers at most once: what is lost in a reconnect is read back from the database, which each
// (re)subscription announces through `onSubscribed`.
import { Redis } from 'ioredis'
import type { Logger } from '../log'
import { decodeEnvelope, encodeEnvelope, type ClusterMessage, type Envelope } from './messages'

/** ready: subscribed and able to publish; connecting: not yet, or again after a loss. */
export type BusState = 'ready' | 'connecting'

export type BusOptions = {
  url: string
  prefix: string
  instanceId: string
  log: Logger
  /** A message of another instance, decoded. */
  onMessage(envelope: Envelope): void
  /** The subscription stands (first time or after a loss): whatever was missed must be read back. */
  onSubscribed(): void
  /** A message could not be sent or was not one of ours. */
  onPublishFailed?(): void
}

export class RedisBus {
  private readonly publisher: Redis
  private readonly subscriber: Redis
  private readonly channel: string
  private subscribed = false
  private stopped = false
  /** When the subscription was last lost (for /api/health), undefined while it stands. */
  downSince: number | undefined = Date.now()
  /** Milliseconds between the sender's clock at publishing and ours at arrival, of the last message. */
  lastLagMs: number | undefined

  constructor(private readonly options: BusOptions) {
    this.channel = `${options.prefix}events`
    const common = {
      // Reconnect for ever, quickly at first: the instance serves its own clients meanwhile.
      retryStrategy: (attempt: number) => Math.min(50 * attempt, 1_000),
      maxRetriesPerRequest: null,
    }
    this.publisher = new Redis(options.url, {
      ...common,
      connectionName: `${options.instanceId}:pub`,
      // A message that cannot go now is not queued: the others read it back from the database.
      enableOfflineQueue: false,
    })
    this.subscriber = new Redis(options.url, { ...common, connectionName: `${options.instanceId}:sub`, autoResubscribe: false })
    for (const [role, connection] of [['publisher', this.publisher], ['subscriber', this.subscriber]] as const) {
      // ioredis reports every failed reconnect as an error; one line per loss is enough.
      connection.on('error', (error) => {
        if (connection.status !== 'reconnecting' || this.isReady) options.log.debug('redis connection error', { role, error })
      })
    }
    this.subscriber.on('ready', () => void this.subscribe())
    this.subscriber.on('close', () => {
      if (this.subscribed) options.log.warn('lost the redis subscription; serving own clients, catching up when it is back', {})
      this.subscribed = false
      this.downSince ??= Date.now()
    })
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) return
      const envelope = decodeEnvelope(text)
      if (envelope instanceof Error) {
        options.log.warn('ignored a redis message that is not ours', { error: envelope.message })
        return
      }
      if (envelope.from === options.instanceId) return
      this.lastLagMs = Math.max(0, Date.now() - envelope.sentAt)
      options.onMessage(envelope)
    })
  }

  get isReady(): boolean {
    return this.subscribed && this.publisher.status === 'ready'
  }

  get state(): BusState {
    return this.isReady ? 'ready' : 'connecting'
  }

  /** Sends to every other instance; a message that cannot go now is dropped (they catch up from the database). */
  publish(message: ClusterMessage): void {
    if (this.stopped && this.publisher.status !== 'ready') return
    this.publisher.publish(this.channel, encodeEnvelope(this.options.instanceId, message)).catch(() => this.options.onPublishFailed?.())
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.subscriber.disconnect()
    // quit waits for what was published last (a room's final store); a lost connection has nothing to wait for.
    if (this.publisher.status === 'ready') await this.publisher.quit().catch(() => undefined)
    this.publisher.disconnect()
  }

  private async subscribe(): Promise<void> {
    try {
      await this.subscriber.subscribe(this.channel)
    } catch (error) {
      // The connection went again before the subscription stood; the next 'ready' tries again.
      this.options.log.debug('subscribing failed', { error })
      return
    }
    if (this.stopped) return
    const wasDown = this.downSince !== undefined
    this.subscribed = true
    this.downSince = undefined
    if (wasDown) this.options.log.info('redis subscription stands', { channel: this.channel })
    this.options.onSubscribed()
  }
}
