// Socket glue: turns a WebSocket of @hono/node-ws into a Peer of a room, decoding every frame at
// the edge and enforcing the per-connection limits (frame size, message rate, send backlog).
import type { WSContext, WSEvents } from 'hono/ws'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { Peer, PeerIdentity } from './peer'
import { CloseCode, decodeClientMessage, ProtocolError, type ClientMessage } from './protocol'
import { TokenBucket } from './rate-limit'
import type { Room } from './room'
import { RoomCapacityError, type RoomRegistry } from './rooms'

export type SyncAccess = { canWrite: boolean; userId: string; sessionKey: string; identity: PeerIdentity }

export type SocketLimits = {
  maxMessageBytes: number
  /** A client whose unsent backlog grows past this is not reading: it is closed. */
  maxBufferedBytes: number
  messagesPerSecond: number
  messageBurst: number
}

type RawSocket = {
  bufferedAmount: number
  readyState: number
  close(code?: number, reason?: string): void
  terminate(): void
}

let nextPeerId = 1

/** Close reasons are limited to 123 bytes by the WebSocket protocol. */
const closeReason = (text: string) => {
  const bytes = Buffer.from(text)
  return bytes.length <= 123 ? text : bytes.subarray(0, 120).toString() + '…'
}

class SocketPeer implements Peer {
  readonly id = `peer-${nextPeerId++}`
  closed = false
  readonly canWrite: boolean
  readonly userId: string
  readonly sessionKey: string
  readonly identity: PeerIdentity

  constructor(
    private readonly ws: WSContext<RawSocket>,
    access: SyncAccess,
    private readonly maxBufferedBytes: number,
    /** Every close the server decides on is reported here (logged), whoever decided it. */
    private readonly onServerClose: (peer: SocketPeer, code: number, reason: string) => void,
  ) {
    this.canWrite = access.canWrite
    this.userId = access.userId
    this.sessionKey = access.sessionKey
    this.identity = access.identity
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.ws.readyState !== 1) return
    const raw = this.ws.raw
    if (raw && raw.bufferedAmount > this.maxBufferedBytes) {
      this.close(CloseCode.tooSlow, 'client is not reading its messages')
      // A client that does not read will not read the close frame either.
      setTimeout(() => raw.terminate(), 1000).unref()
      return
    }
    this.ws.send(frame as Uint8Array<ArrayBuffer>)
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.onServerClose(this, code, reason)
    this.ws.close(code, closeReason(reason))
  }
}

/** ws closes a frame over maxPayload with a bare 1009; the client should also learn the limit. */
function giveOversizeCloseAReason(raw: RawSocket | undefined, limit: number): void {
  if (!raw) return
  const close = raw.close.bind(raw)
  raw.close = (code?: number, reason?: string) =>
    close(code, reason ?? (code === CloseCode.messageTooBig ? `message over the limit of ${limit} bytes` : undefined))
}

/** The WebSocket event handlers for one connection to one room. */
export function syncSocketEvents(options: {
  roomName: string
  access: SyncAccess
  rooms: RoomRegistry
  log: Logger
  limits: SocketLimits
  metrics: Metrics
}): WSEvents<RawSocket> {
  const { roomName, access, rooms, log, limits, metrics } = options
  const bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst)
  let peer: SocketPeer | undefined
  let room: Room | undefined
  /** Frames that arrive while the room loads, delivered in order once it is there. */
  let early: ClientMessage[] = []
  let earlyBytes = 0
  let work: Promise<void> = Promise.resolve()

  const refuse = (code: number, reason: string) => peer?.close(code, reason)
  const logClose = (closing: SocketPeer, code: number, reason: string) =>
    log.info('closing a sync connection', { room: roomName, peer: closing.id, user: closing.userId, code, reason })

  const deliver = (message: ClientMessage) => {
    const target = room!
    // Messages of one connection are handled in order, even when one waits for the store.
    work = work.then(async () => {
      if (peer!.closed) return
      try {
        await target.receive(peer!, message)
      } catch (error) {
        metrics.updateRefused('unappliable')
        refuse(CloseCode.malformedMessage, `update refused: ${error instanceof Error ? error.message : error}`)
      }
    })
  }

  return {
    onOpen(_event, ws) {
      metrics.connectionOpened()
      giveOversizeCloseAReason(ws.raw, limits.maxMessageBytes)
      peer = new SocketPeer(ws, access, limits.maxBufferedBytes, logClose)
      const self = peer
      rooms.join(roomName, self).then(
        (joined) => {
          if (self.closed) {
            rooms.leave(roomName, self)
            return
          }
          room = joined
          for (const message of early) deliver(message)
          early = []
        },
        (error) => {
          if (error instanceof RoomCapacityError) refuse(CloseCode.tryAgainLater, error.message)
          else refuse(1011, `could not open the document: ${error instanceof Error ? error.message : error}`)
        },
      )
    },

    onMessage(event) {
      if (!peer || peer.closed) return
      if (!bucket.take()) {
        metrics.updateRefused('rate-limit')
        refuse(CloseCode.rateLimited, `more than ${limits.messagesPerSecond} messages per second`)
        return
      }
      if (!(event.data instanceof ArrayBuffer)) {
        metrics.updateRefused('malformed')
        refuse(CloseCode.malformedMessage, 'text frames are not part of the protocol')
        return
      }
      let message: ClientMessage
      try {
        message = decodeClientMessage(new Uint8Array(event.data))
      } catch (error) {
        metrics.updateRefused('malformed')
        refuse(CloseCode.malformedMessage, error instanceof ProtocolError ? error.message : 'malformed message')
        return
      }
      if (room) {
        deliver(message)
        return
      }
      earlyBytes += event.data.byteLength
      if (earlyBytes > limits.maxMessageBytes) refuse(CloseCode.messageTooBig, 'too much data before the document was loaded')
      else early.push(message)
    },

    onClose(event) {
      metrics.connectionClosed()
      if (event.code === CloseCode.messageTooBig) metrics.updateRefused('too-big')
      if (!peer) return
      peer.closed = true
      early = []
      if (room) rooms.leave(roomName, peer)
    },

    onError(event) {
      log.warn('sync socket error', { room: roomName, peer: peer?.id, error: String(event) })
    },
  }
}
