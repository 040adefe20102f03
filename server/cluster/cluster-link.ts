// Ties this instance to the others over the bus: what a room here stored and its clients' presence go
// out; what another instance stored, its presence, record changes, rights changes and inbox signals come
// in and are served here without being stored again. While the bus is lost, open rooms poll the database.
import type { Logger } from '../log'
import type { BusMetrics, RoomMetrics } from '../metrics'
import type { LiveHub } from '../notifications/live-hub'
import type { RecordSync } from '../proposals/record-sync'
import type { RightsChanges } from '../sync/rights-changes'
import type { Room } from '../sync/room'
import type { CatchUpReason } from '../sync/room-remote'
import type { RoomRegistry } from '../sync/rooms'
import { RedisBus } from './bus'
import type { ClusterMessage, Envelope } from './messages'

/** How often open rooms read the database while the bus is lost, so that clients still see each other. */
const offlinePollMs = 2_000

export type ClusterLinkDeps = {
  redisUrl: string
  redisPrefix: string
  instanceId: string
  rooms: RoomRegistry
  record: RecordSync
  rights: RightsChanges
  hub: LiveHub
  log: Logger
  metrics: BusMetrics & RoomMetrics
}

export class ClusterLink {
  readonly bus: RedisBus
  private readonly offlinePoll: NodeJS.Timeout

  constructor(private readonly deps: ClusterLinkDeps) {
    const { log, metrics } = deps
    this.bus = new RedisBus({
      url: deps.redisUrl,
      prefix: deps.redisPrefix,
      instanceId: deps.instanceId,
      log,
      onMessage: (envelope) => this.receive(envelope),
      onSubscribed: () => this.catchUpAll('reconnect'),
      onPublishFailed: () => metrics.publishFailed(),
    })
    metrics.watchBus(() => this.bus.isReady)
    deps.record.onPublished((proposalId) => this.bus.publish({ kind: 'record-changed', proposalId }))
    deps.rights.onChanged((change) => this.bus.publish(change))
    deps.hub.onSignal((target) => this.bus.publish({ kind: 'inbox-changed', ...target }))
    this.offlinePoll = setInterval(() => {
      if (!this.bus.isReady) this.catchUpAll('offline')
    }, offlinePollMs)
    this.offlinePoll.unref()
  }

  /** Registry hook: what the room stores and its clients' presence go to the other instances. */
  onRoomLoaded(room: Room): void {
    room.onStored((updates, appended, authors) => {
      const entries = updates.map((update, index) => ({ update, author: authors[index] ?? null }))
      this.bus.publish({ kind: 'stored', room: room.name, ...appended, entries })
    })
    room.onLocalPresence((update) => this.bus.publish({ kind: 'presence', room: room.name, update }))
  }

  async stop(): Promise<void> {
    clearInterval(this.offlinePoll)
    await this.bus.stop()
  }

  private receive({ sentAt, message }: Envelope): void {
    this.deps.metrics.messageReceived(Math.max(0, Date.now() - sentAt) / 1000)
    try {
      this.handle(message)
    } catch (error) {
      this.deps.log.error('handling a message of another instance failed', { kind: message.kind, error })
    }
  }

  private handle(message: ClusterMessage): void {
    const { record, rights, hub, log } = this.deps
    switch (message.kind) {
      case 'stored': {
        const batch = { entries: message.entries, appended: { seq: message.seq, prevSeq: message.prevSeq } }
        // A room loading now is handed the batch once loaded (it may have read the database before it).
        this.withRoom(message.room, (room) => room.receiveRemote(batch))
        return
      }
      case 'presence':
        this.withRoom(message.room, (room) => room.receiveRemotePresence(message.update))
        return
      case 'record-changed':
        record.refresh(message.proposalId).catch((error) => log.warn('refreshing the record failed', { proposal: message.proposalId, error }))
        return
      case 'session-ended':
      case 'user-changed':
      case 'proposal-rights-changed':
        rights.apply(message).catch((error) => log.warn('applying a rights change failed', { kind: message.kind, error }))
        return
      case 'inbox-changed':
        hub.signalHere(message)
        return
      default:
        assertNever(message)
    }
  }

  private withRoom(name: string, use: (room: Room) => void): void {
    const room = this.deps.rooms.loadedOrLoading(name)
    if (!room) return
    if (room instanceof Promise) room.then(use, () => undefined)
    else use(room)
  }

  private catchUpAll(reason: CatchUpReason): void {
    for (const room of this.deps.rooms.loadedRooms()) room.catchUp(reason).catch(() => undefined)
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled cluster message ${JSON.stringify(value)}`)
}
