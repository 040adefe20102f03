// The one owner of every room's lifecycle: loading → active → draining → unloading → unloaded.
// Whoever joins, in whatever state, gets the one copy of the room, fully loaded.
import type { Logger } from '../log'
import type { DocStore, StoredDoc } from '../storage/doc-store'
import type { MergedSnapshot } from '../storage/snapshot-merger'
import type { Peer } from './peer'
import type { RoomMetrics } from '../metrics'
import { CloseCode } from './protocol'
import { Room } from './room'
import type { UpdateGuard } from './update-guard'
import { RoomHoldings } from './room-holdings'

export type RoomState = 'loading' | 'active' | 'draining' | 'unloading'

type Slot = {
  state: RoomState
  /** When a peer last joined or left, or the server last opened the room: for LRU unloading. */
  usedAt: number
  /** Set while loading; resolves to the room. */
  loading?: Promise<Room>
  room?: Room
  /** Set while draining: unloads the room when it fires. */
  timer?: NodeJS.Timeout
}

export type RoomRegistryOptions = {
  store: DocStore
  log: Logger
  roomIdleMs: number
  compactAfterUpdates: number
  /** Builds a snapshot from stored parts off the event loop (storage/snapshot-merger.ts). */
  mergeSnapshot(parts: Uint8Array[]): Promise<MergedSnapshot>
  storeRetryMs: number
  /** The top-level types clients may write in a room; undefined: any. */
  writableRootsOf?: (name: string) => ReadonlySet<string> | undefined
  /** The model check for a room's client updates (content rooms), if any. */
  guardOf?: (name: string) => UpdateGuard | undefined
  /** Runs once a room is loaded, before anyone joins it; `stored` is what it was loaded from. */
  onRoomLoaded?: (room: Room, stored: StoredDoc) => void | Promise<void>
  /** Rooms kept in memory at most; idle rooms are unloaded least recently used first. */
  maxRooms: number
  /** Rooms one user may have connections to at once; undefined: no limit. */
  maxRoomsPerUser?: number
  /** Sync answers larger than this are sent as several bounded updates. */
  maxSendFrameBytes?: number
  metrics?: RoomMetrics
}

/** Every room in memory has clients: a new one cannot be opened now. */
export class RoomCapacityError extends Error {}

/** The user already has as many documents open as one user may. */
export class TooManyRoomsError extends Error {}

export class RoomRegistry {
  private readonly slots = new Map<string, Slot>()
  private closing = false
  /** How many times a room was loaded from the store (tests and metrics read it). */
  loads = 0

  constructor(private readonly options: RoomRegistryOptions) {}

  /** Which rooms each user has connections to: for the per-user limit and fair eviction. */
  private readonly holdings = new RoomHoldings()

  /** Adds the peer to the room, loading the room first if it is not in memory. */
  async join(name: string, peer: Peer): Promise<Room> {
    if (this.closing) throw new Error('the server is shutting down')
    const { maxRoomsPerUser } = this.options
    const held = this.holdings.roomsOf(peer.userId)
    if (maxRoomsPerUser !== undefined && !held.has(name) && held.size >= maxRoomsPerUser) {
      throw new TooManyRoomsError(`you have ${held.size} documents open, at most ${maxRoomsPerUser}: close some first`)
    }
    // Counted before loading, so that concurrent joins of one user cannot pass the limit together.
    this.holdings.add(peer, name)
    try {
      const room = await this.acquire(name, peer.userId)
      room.join(peer)
      return room
    } catch (error) {
      this.holdings.remove(peer, name)
      throw error
    }
  }

  /** The room for work of the server's own, loaded if needed; it drains again if nobody joins. */
  async open(name: string): Promise<Room> {
    if (this.closing) throw new Error('the server is shutting down')
    const room = await this.acquire(name)
    const slot = this.slots.get(name)
    if (slot && room.peerCount === 0 && slot.state === 'active') this.startDraining(name, slot, this.options.roomIdleMs)
    return room
  }

  /** Removes the peer; the last one to leave starts the room's drain. */
  leave(name: string, peer: Peer): void {
    this.holdings.remove(peer, name)
    const slot = this.slots.get(name)
    if (!slot?.room) return
    slot.room.leave(peer)
    slot.usedAt = performance.now()
    if (slot.room.peerCount === 0 && slot.state === 'active') this.startDraining(name, slot, this.options.roomIdleMs)
  }

  /** The state of a room, or 'unloaded' when it is not in memory. */
  stateOf(name: string): RoomState | 'unloaded' {
    return this.slots.get(name)?.state ?? 'unloaded'
  }

  /** The room if it is in memory and loaded. */
  get(name: string): Room | undefined {
    return this.slots.get(name)?.room
  }

  /** The room if it is loaded, or the promise of it while it loads; undefined when it is not in memory. */
  loadedOrLoading(name: string): Room | Promise<Room> | undefined {
    const slot = this.slots.get(name)
    return slot?.room ?? slot?.loading
  }

  /** Every loaded room with its name. */
  *loadedRooms(): Generator<Room> {
    for (const slot of this.slots.values()) if (slot.room) yield slot.room
  }

  get size(): number {
    return this.slots.size
  }

  /** Rooms whose last store failed, with the reason. */
  storeErrors(): { room: string; error: string }[] {
    const errors = []
    for (const [name, slot] of this.slots) {
      if (slot.room?.storeError) errors.push({ room: name, error: slot.room.storeError.message })
    }
    return errors
  }

  private async acquire(name: string, requester?: string): Promise<Room> {
    const slot = this.slots.get(name)
    if (!slot) {
      this.makeRoom(requester)
      return this.load(name)
    }
    slot.usedAt = performance.now()
    switch (slot.state) {
      case 'loading':
        return slot.loading!
      case 'draining':
        clearTimeout(slot.timer)
        slot.timer = undefined
        slot.state = 'active'
        return slot.room!
      case 'unloading':
        // The final store runs on; the room simply stays.
        slot.state = 'active'
        return slot.room!
      case 'active':
        return slot.room!
    }
  }

  /**
   * Unloads the least recently used idle room when memory holds the maximum; with none idle, evicts
   * the oldest room held only by users over their fair share, so that no user starves the others.
   */
  private makeRoom(requester: string | undefined): void {
    if (this.slots.size < this.options.maxRooms) return
    const idle = [...this.slots.entries()]
      .filter(([, slot]) => slot.state === 'draining' && !slot.room!.hasUnstoredUpdates)
      .sort(([, a], [, b]) => a.usedAt - b.usedAt)
    const oldest = idle[0] ?? this.roomToEvict(requester)
    if (!oldest) throw new RoomCapacityError(`all ${this.options.maxRooms} open documents are in use, try again later`)
    const [name, slot] = oldest
    if (slot.state === 'active') {
      slot.room!.closePeers(CloseCode.tryAgainLater, 'closed to make room for others: you have too many documents open')
      slot.state = 'draining'
    }
    clearTimeout(slot.timer)
    slot.timer = undefined
    // The final store runs in the background; the slot leaves the map when it is done.
    void this.unload(name, slot)
  }

  /** The least recently used room whose every client belongs to a user holding more than a fair share. */
  private roomToEvict(requester: string | undefined): [string, Slot] | undefined {
    const fairShare = this.holdings.fairShare(this.options.maxRooms, requester)
    // A user over their share gets no room by evicting another.
    if (requester !== undefined && this.holdings.roomsOf(requester).size > fairShare) return undefined
    const overShare = (peer: Peer) => this.holdings.roomsOf(peer.userId).size > fairShare
    return [...this.slots.entries()]
      .filter(([, slot]) => slot.state === 'active' && slot.room!.peerCount > 0 && slot.room!.connectedPeers().every(overShare))
      .sort(([, a], [, b]) => a.usedAt - b.usedAt)[0]
  }

  private load(name: string): Promise<Room> {
    const slot: Slot = { state: 'loading', usedAt: performance.now() }
    const { store, log, compactAfterUpdates, mergeSnapshot, storeRetryMs, writableRootsOf, guardOf, onRoomLoaded, metrics, maxSendFrameBytes } = this.options
    slot.loading = (async () => {
      try {
        this.loads++
        const stored = await store.load(name)
        const writableRoots = writableRootsOf?.(name)
        const roomOptions = { store, log, compactAfterUpdates, mergeSnapshot, storeRetryMs, writableRoots, guard: guardOf?.(name), metrics, maxSendFrameBytes }
        const room = new Room(name, stored, roomOptions)
        try {
          await onRoomLoaded?.(room, stored)
        } catch (error) {
          room.destroy()
          throw error
        }
        slot.room = room
        slot.state = 'active'
        slot.loading = undefined
        return room
      } catch (error) {
        this.slots.delete(name)
        log.error('loading a room failed', { room: name, error })
        throw error
      }
    })()
    this.slots.set(name, slot)
    return slot.loading
  }

  private startDraining(name: string, slot: Slot, delayMs: number): void {
    slot.state = 'draining'
    clearTimeout(slot.timer)
    slot.timer = setTimeout(() => {
      slot.timer = undefined
      void this.unload(name, slot)
    }, delayMs)
  }

  private async unload(name: string, slot: Slot): Promise<void> {
    if (slot.state !== 'draining') return
    slot.state = 'unloading'
    const room = slot.room!
    try {
      await room.flush()
      await room.compact()
    } catch (error) {
      // Keep the room and its unstored updates in memory; try again later.
      this.options.log.error('storing a room before unloading failed', { room: name, error })
      if (slot.state === 'unloading' && !this.closing) this.startDraining(name, slot, this.options.storeRetryMs)
      return
    }
    // Someone joined while the final store ran: the room stays.
    if (slot.state !== 'unloading' || room.peerCount > 0 || room.hasUnstoredUpdates) {
      if (slot.state === 'unloading') slot.state = 'active'
      if (room.peerCount === 0 && slot.state === 'active' && !this.closing) {
        this.startDraining(name, slot, this.options.roomIdleMs)
      }
      return
    }
    this.slots.delete(name)
    room.destroy()
    this.options.log.debug('room unloaded', { room: name })
  }

  /** Closes every peer, stores every room and frees them. Errors are logged, not thrown. */
  async closeAll(code: number, reason: string): Promise<void> {
    this.closing = true
    const loading = [...this.slots.values()].flatMap((slot) => (slot.loading ? [slot.loading.catch(() => undefined)] : []))
    await Promise.all(loading)
    await Promise.all(
      [...this.slots.entries()].map(async ([name, slot]) => {
        clearTimeout(slot.timer)
        const room = slot.room
        if (!room) return
        room.closePeers(code, reason)
        try {
          await room.flush()
          await room.compact()
        } catch (error) {
          this.options.log.error('storing a room at shutdown failed', { room: name, error })
        }
        room.destroy()
        this.slots.delete(name)
      }),
    )
  }
}
