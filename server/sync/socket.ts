// Socket glue: turns an upgraded `ws` WebSocket into a Peer of a room, decoding every frame at
// the edge and enforcing the per-connection limits (frame size, message rate, send backlog).
import { randomBytes } from 'node:crypto'
import type { WebSocket } from 'ws'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { Peer, PeerIdentity } from './peer'
import { CloseCode, decodeClientMessage, ProtocolError, type ClientMessage } from './protocol'
import { TokenBucket } from './rate-limit'
import type { Room } from './room'
import { RoomCapacityError, TooManyRoomsError, type RoomRegistry } from './rooms'
import type { UserBudgets } from './user-budgets'

export type SyncAccess = { canWrite: boolean; suggestOnly?: boolean; userId: string; sessionKey: string; identity: PeerIdentity }

export type SocketLimits = {
  maxMessageBytes: number
  /** A client whose unsent backlog stays past this (for the grace time) is not reading: it is closed. */
  maxBufferedBytes: number
  slowClientGraceMs: number
  /** Sync answers are sent in frames of about this size, each once the client read the previous. */
  maxSendFrameBytes: number
  /** Sync requests of one connection; answering one can cost the whole document. */
  syncRequestsPerSecond: number
  syncRequestBurst: number
  /** Clients may not grow a document past this; the update is refused and nothing stored. */
  maxDocumentBytes: number
}

/** Close reasons are limited to 123 bytes by the WebSocket protocol. */
const closeReason = (text: string) => {
  const bytes = Buffer.from(text)
  return bytes.length <= 123 ? text : bytes.subarray(0, 120).toString() + '…'
}

class SocketPeer implements Peer {
  // Random, not a module-level counter: several servers may share a process (tests).
  readonly id = `peer-${randomBytes(6).toString('hex')}`
  closed = false
  readonly canWrite: boolean
  readonly suggestOnly: boolean
  readonly userId: string
  readonly sessionKey: string
  readonly identity: PeerIdentity

  /** Since when the backlog has been over the limit. */
  private backlogOverSince: number | undefined

  constructor(
    private readonly ws: WebSocket,
    access: SyncAccess,
    private readonly limits: SocketLimits,
    /** Every close the server decides on is reported here (logged), whoever decided it. */
    private readonly onServerClose: (peer: SocketPeer, code: number, reason: string) => void,
  ) {
    this.canWrite = access.canWrite
    this.suggestOnly = access.suggestOnly === true
    this.userId = access.userId
    this.sessionKey = access.sessionKey
    this.identity = access.identity
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.ws.readyState !== 1) return
    const backlog = this.ws.bufferedAmount
    const { maxBufferedBytes, slowClientGraceMs } = this.limits
    if (backlog > maxBufferedBytes) {
      // A client still reading a large transfer drains its backlog within the grace; one that does not read is closed.
      const now = performance.now()
      this.backlogOverSince ??= now
      if (backlog > 4 * maxBufferedBytes || now - this.backlogOverSince > slowClientGraceMs) return this.closeNotReading()
    } else {
      this.backlogOverSince = undefined
    }
    this.ws.send(frame)
  }

  async sendPaced(frames: Uint8Array[]): Promise<void> {
    for (const frame of frames) {
      if (!(await this.backlogBelow(this.limits.maxSendFrameBytes))) return
      this.ws.send(frame)
    }
  }

  /** Waits until the backlog is at most `bytes`; false when closed, or (then closing) when the client reads nothing for the grace time. */
  private async backlogBelow(bytes: number): Promise<boolean> {
    let lowest = Infinity
    let progressAt = performance.now()
    for (;;) {
      if (this.closed || this.ws.readyState !== 1) return false
      const backlog = this.ws.bufferedAmount
      if (backlog <= bytes) return true
      if (backlog < lowest) {
        lowest = backlog
        progressAt = performance.now()
      } else if (performance.now() - progressAt > this.limits.slowClientGraceMs) {
        this.closeNotReading()
        return false
      }
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  private closeNotReading(): void {
    const ws = this.ws
    this.close(CloseCode.tooSlow, 'client is not reading its messages')
    // A client that does not read will not read the close frame either.
    setTimeout(() => ws.terminate(), 1000).unref()
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.onServerClose(this, code, reason)
    this.ws.close(code, closeReason(reason))
  }
}

/** ws closes a frame over maxPayload with a bare 1009; the client should also learn the limit. */
function giveOversizeCloseAReason(ws: WebSocket, limit: number): void {
  // ws calls `websocket.close(1009)` on the instance, so this own property is what it calls.
  const close = ws.close.bind(ws)
  ws.close = (code?: number, reason?: string | Buffer) =>
    close(code, reason ?? (code === CloseCode.messageTooBig ? `message over the limit of ${limit} bytes` : undefined))
}

/** Makes an upgraded socket a peer of one room: joins it, and handles its frames and its close. */
export function attachSyncSocket(ws: WebSocket, options: {
  roomName: string
  access: SyncAccess
  rooms: RoomRegistry
  log: Logger
  limits: SocketLimits
  /** Message and byte rates, shared by all connections of one user. */
  userBudgets: UserBudgets
  userLimits: { messagesPerSecond: number; bytesPerSecond: number }
  metrics: Metrics
}): void {
  const { roomName, access, rooms, log, limits, metrics, userBudgets, userLimits } = options
  const syncRequests = new TokenBucket(limits.syncRequestsPerSecond, limits.syncRequestBurst)
  let budget: ReturnType<UserBudgets['acquire']> | undefined
  let room: Room | undefined
  /** Frames that arrive while the room loads, delivered in order once it is there. */
  let early: ClientMessage[] = []
  let earlyBytes = 0
  let work: Promise<void> = Promise.resolve()

  const logClose = (closing: SocketPeer, code: number, reason: string) =>
    log.info('closing a sync connection', { room: roomName, peer: closing.id, user: closing.userId, code, reason })
  const peer = new SocketPeer(ws, access, limits, logClose)
  const refuse = (code: number, reason: string) => peer.close(code, reason)

  const deliver = (message: ClientMessage) => {
    const target = room!
    // Messages of one connection are handled in order, even when one waits for the store.
    work = work.then(async () => {
      if (peer.closed) return
      if (wouldOverfill(target, message)) {
        metrics.updateRefused('document-too-large')
        refuse(CloseCode.documentTooLarge, `the document is at its size limit of ${limits.maxDocumentBytes} bytes: change not saved`)
        return
      }
      try {
        await target.receive(peer, message)
      } catch (error) {
        metrics.updateRefused('unappliable')
        refuse(CloseCode.malformedMessage, `update refused: ${error instanceof Error ? error.message : error}`)
      }
    })
  }

  /** Checked right before the room applies it: nothing else of this connection runs in between. */
  const wouldOverfill = (target: Room, message: ClientMessage) =>
    (message.type === 'update' || message.type === 'sync-step-2') &&
    peer.canWrite &&
    message.update.length > 2 &&
    target.approximateBytes + message.update.length > limits.maxDocumentBytes

  metrics.connectionOpened()
  giveOversizeCloseAReason(ws, limits.maxMessageBytes)
  budget = userBudgets.acquire(access.userId)
  rooms.join(roomName, peer).then(
    (joined) => {
      if (peer.closed) {
        rooms.leave(roomName, peer)
        return
      }
      room = joined
      for (const message of early) deliver(message)
      early = []
    },
    (error) => {
      if (error instanceof RoomCapacityError) refuse(CloseCode.tryAgainLater, error.message)
      else if (error instanceof TooManyRoomsError) refuse(CloseCode.tooManyDocuments, error.message)
      else refuse(1011, `could not open the document: ${error instanceof Error ? error.message : error}`)
    },
  )

  // The frame as ws received it: no copy, no event object.
  ws.on('message', (data, isBinary) => {
    if (peer.closed) return
    // A Buffer: binaryType stays at ws's default ('nodebuffer'), so fragments arrive joined.
    const frame = data as Buffer
    // Charged before decoding: decoding an update costs as much as its size.
    const bytes = frame.length
    if (!budget!.takeMessage()) {
      metrics.updateRefused('rate-limit')
      refuse(CloseCode.rateLimited, `more than ${userLimits.messagesPerSecond} messages per second (all your connections together)`)
      return
    }
    if (!budget!.takeBytes(bytes)) {
      metrics.updateRefused('byte-rate-limit')
      refuse(CloseCode.rateLimited, `more than ${userLimits.bytesPerSecond} bytes per second (all your connections together)`)
      return
    }
    if (!isBinary) {
      metrics.updateRefused('malformed')
      refuse(CloseCode.malformedMessage, 'text frames are not part of the protocol')
      return
    }
    let message: ClientMessage
    try {
      message = decodeClientMessage(frame)
    } catch (error) {
      metrics.updateRefused('malformed')
      refuse(CloseCode.malformedMessage, error instanceof ProtocolError ? error.message : 'malformed message')
      return
    }
    if (message.type === 'sync-step-1' && !syncRequests.take()) {
      metrics.updateRefused('sync-rate-limit')
      refuse(CloseCode.rateLimited, `more than ${limits.syncRequestsPerSecond} sync requests per second`)
      return
    }
    if (room) {
      deliver(message)
      return
    }
    earlyBytes += bytes
    if (earlyBytes > limits.maxMessageBytes) refuse(CloseCode.messageTooBig, 'too much data before the document was loaded')
    else early.push(message)
  })

  ws.on('close', (code) => {
    metrics.connectionClosed()
    if (budget) userBudgets.release(access.userId)
    budget = undefined
    if (code === CloseCode.messageTooBig) metrics.updateRefused('too-big')
    peer.closed = true
    early = []
    if (room) rooms.leave(roomName, peer)
  })

  ws.on('error', (error) => {
    log.warn('sync socket error', { room: roomName, peer: peer.id, error: String(error) })
  })
}
