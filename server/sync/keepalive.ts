// Connections that hold a slot without talking: an HTTP connection that never completes its request,
// a WebSocket whose peer vanished or never answers. Both are closed instead of kept forever.
import type { ServerOptions } from 'node:http'
import type { Socket } from 'node:net'
import type { WebSocket, WebSocketServer } from 'ws'
import type { Config } from '../config'

/** Node's own limits: complete headers within the timeout, or the connection is closed (408). */
export function idleLimits(config: Pick<Config, 'httpHeadersTimeoutMs'>): ServerOptions {
  const headersTimeout = config.httpHeadersTimeoutMs
  return {
    headersTimeout,
    // A request body (at most 1 MiB on /api) has this long in all.
    requestTimeout: Math.max(headersTimeout, 60_000),
    // Node checks these timeouts only this often; the default (30 s) would let short timeouts run long.
    connectionsCheckingInterval: Math.max(50, Math.min(5_000, Math.floor(headersTimeout / 4))),
  }
}

/** Node's header timeout starts with the first byte: a connection that sends none is closed here. */
export function closeSilentConnections(server: import('node:net').Server, timeoutMs: number): void {
  server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy()
    }, timeoutMs)
    timer.unref()
    socket.once('close', () => clearTimeout(timer))
  })
}

/** Pings every socket each interval; one that has not answered the previous ping is terminated. */
export function keepSocketsAlive(wss: WebSocketServer, intervalMs: number): () => void {
  const answered = new WeakSet<WebSocket>()
  const watched = new WeakSet<WebSocket>()
  const timer = setInterval(() => {
    for (const socket of wss.clients) {
      if (!watched.has(socket)) {
        watched.add(socket)
        socket.on('pong', () => answered.add(socket))
      } else if (!answered.has(socket)) {
        socket.terminate()
        continue
      }
      answered.delete(socket)
      socket.ping()
    }
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
