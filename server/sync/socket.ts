// Socket glue: turns a WebSocket of @hono/node-ws into a Peer of a room, decoding every frame at the edge.
import type { WSContext, WSEvents } from 'hono/ws'
import type { Logger } from '../log'
import type { Peer } from './peer'
import { CloseCode, decodeClientMessage, ProtocolError, type ClientMessage } from './protocol'
import type { Room } from './room'
import type { RoomRegistry } from './rooms'

export type SyncAccess = { canWrite: boolean; userId: string; sessionKey: string }

type WebSocketLike = { bufferedAmount: number; readyState: number; close(code?: number, reason?: string): void }

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

  constructor(
    private readonly ws: WSContext<WebSocketLike>,
    access: SyncAccess,
  ) {
    this.canWrite = access.canWrite
    this.userId = access.userId
    this.sessionKey = access.sessionKey
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.ws.readyState !== 1) return
    this.ws.send(frame as Uint8Array<ArrayBuffer>)
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.ws.close(code, closeReason(reason))
  }
}

/** ws closes a frame over maxPayload with a bare 1009; the client should also learn the limit. */
function giveOversizeCloseAReason(raw: WebSocketLike | undefined, limit: number): void {
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
  maxMessageBytes: number
}): WSEvents<WebSocketLike> {
  const { roomName, access, rooms, log, maxMessageBytes } = options
  let peer: SocketPeer | undefined
  let room: Room | undefined
  /** Frames that arrive while the room loads, delivered in order once it is there. */
  let early: ClientMessage[] = []
  let earlyBytes = 0
  let work: Promise<void> = Promise.resolve()

  const refuse = (code: number, reason: string) => {
    log.info('closing a sync connection', { room: roomName, peer: peer?.id, code, reason })
    peer?.close(code, reason)
  }

  const deliver = (message: ClientMessage) => {
    const target = room!
    // Messages of one connection are handled in order, even when one waits for the store.
    work = work.then(async () => {
      if (peer!.closed) return
      try {
        await target.receive(peer!, message)
      } catch (error) {
        refuse(CloseCode.malformedMessage, `update refused: ${error instanceof Error ? error.message : error}`)
      }
    })
  }

  return {
    onOpen(_event, ws) {
      giveOversizeCloseAReason(ws.raw, maxMessageBytes)
      peer = new SocketPeer(ws, access)
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
        (error) => refuse(1011, `could not open the document: ${error instanceof Error ? error.message : error}`),
      )
    },

    onMessage(event) {
      if (!peer || peer.closed) return
      if (!(event.data instanceof ArrayBuffer)) {
        refuse(CloseCode.malformedMessage, 'text frames are not part of the protocol')
        return
      }
      let message: ClientMessage
      try {
        message = decodeClientMessage(new Uint8Array(event.data))
      } catch (error) {
        refuse(CloseCode.malformedMessage, error instanceof ProtocolError ? error.message : 'malformed message')
        return
      }
      if (room) {
        deliver(message)
        return
      }
      earlyBytes += event.data.byteLength
      if (earlyBytes > maxMessageBytes) refuse(CloseCode.messageTooBig, 'too much data before the document was loaded')
      else early.push(message)
    },

    onClose() {
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
