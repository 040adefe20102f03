// The sync WebSocket's upgrade, straight on the HTTP server's 'upgrade' event: /sync/:proposalId and
// /sync/:proposalId/record are decided by the same origin and access rules as REST, then handed to ws;
// every other upgrade, and every refusal, gets a JSON error response on the raw socket.
import { STATUS_CODES, type IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { isStorageUnavailable } from '../../db/client'
import { storageErrorMessage } from '../../db/errors'
import { decideOrigin, type HeaderOf } from '../auth/origin'
import type { Logger } from '../log'
import { roomNameOf, type AccessDecision, type DocKind } from './access'
import type { SyncAccess } from './socket'

export type SyncUpgradeOptions = {
  /** Frames over this are closed by ws with 1009. */
  maxMessageBytes: number
  allowedOrigins: readonly string[]
  /** Who may join which room: decideSyncAccess, bound to the database and session policy. */
  decideAccess(cookieHeader: string | undefined, proposalId: string, kind: DocKind): Promise<AccessDecision>
  /** Takes over an upgraded socket (attachSyncSocket). */
  onSocket(ws: WebSocket, roomName: string, access: SyncAccess): void
  log: Logger
}

export type SyncUpgrade = {
  /** Every open sync socket is in `wss.clients` (keep-alive, shutdown). */
  wss: WebSocketServer
  /** The HTTP server's 'upgrade' listener. */
  onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void
}

const syncPath = /^\/sync\/([^/]+)(\/record)?$/

/** The room an upgrade asks for, or undefined for any other path. */
export function syncRouteOf(url: string | undefined): { proposalId: string; kind: DocKind } | undefined {
  let path: string
  try {
    path = new URL(url ?? '/', 'http://localhost').pathname
  } catch {
    return undefined
  }
  const match = syncPath.exec(path)
  if (!match) return undefined
  // As Hono decodes a path parameter: an undecodable one stays as sent (and is then no proposal id).
  let proposalId = match[1]!
  try {
    proposalId = decodeURIComponent(proposalId)
  } catch {}
  return { proposalId, kind: match[2] ? 'record' : 'content' }
}

/** Answers an upgrade request with an HTTP error and closes the connection. */
export function refuseUpgrade(socket: Duplex, status: number, error: string): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const body = JSON.stringify({ error })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}

const headerOf =
  (request: IncomingMessage): HeaderOf =>
  (name) => {
    const value = request.headers[name]
    return Array.isArray(value) ? value[0] : value
  }

export function createSyncUpgrade(options: SyncUpgradeOptions): SyncUpgrade {
  const { allowedOrigins, decideAccess, onSocket, log } = options
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes })
  // With a listener, ws leaves the answer to a malformed handshake (bad key, version, …) to us.
  wss.on('wsClientError', (error, socket) => refuseUpgrade(socket, 400, error.message))

  const decide = async (request: IncomingMessage, proposalId: string, kind: DocKind): Promise<AccessDecision | { ok: false; status: 403; error: string }> => {
    // Cross-site WebSocket hijacking: a page elsewhere must not join with the user's cookie.
    const origin = decideOrigin(headerOf(request), allowedOrigins)
    if (!origin.ok) return { ok: false, status: 403, error: origin.error }
    return decideAccess(request.headers.cookie, proposalId, kind)
  }

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node removed its own listener: a client that resets while we decide must not crash the process.
    const onSocketError = () => socket.destroy()
    socket.on('error', onSocketError)
    const route = syncRouteOf(request.url)
    if (!route) return refuseUpgrade(socket, 404, 'not found')
    if (request.method !== 'GET') return refuseUpgrade(socket, 405, 'sync upgrades are GET requests')
    decide(request, route.proposalId, route.kind)
      .then(
        (decision) => {
          if (!decision.ok) return refuseUpgrade(socket, decision.status, decision.error)
          socket.off('error', onSocketError)
          wss.handleUpgrade(request, socket, head, (ws) => {
            try {
              onSocket(ws, roomNameOf(route.proposalId, route.kind), decision.access)
            } catch (error) {
              log.error('sync socket could not start', { path: request.url, error })
              ws.terminate()
            }
          })
        },
        (error: unknown) => {
          if (isStorageUnavailable(error)) {
            log.error('sync upgrade failed: storage unavailable', { path: request.url, error })
            return refuseUpgrade(socket, 503, `storage unavailable: ${storageErrorMessage(error)}`)
          }
          log.error('sync upgrade failed', { path: request.url, error })
          refuseUpgrade(socket, 500, 'internal server error')
        },
      )
      // Never an unhandled rejection: whatever else failed, this connection ends.
      .catch((error: unknown) => {
        log.error('sync upgrade failed', { path: request.url, error })
        socket.destroy()
      })
  }
  return { wss, onUpgrade }
}
