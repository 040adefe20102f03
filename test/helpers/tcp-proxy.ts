// A TCP proxy on 127.0.0.1 that a test can cut and restore: the server talks to PostgreSQL through
// it, so an outage is simulated without ever stopping the real PostgreSQL.
import net from 'node:net'
import { freePort } from './server-process'

export type TcpProxy = {
  port: number
  /** Ends every open connection and refuses new ones (ECONNREFUSED), as a database that went away. */
  cut(): Promise<void>
  /** Accepts connections again on the same port. */
  restore(): Promise<void>
  close(): Promise<void>
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const port = await freePort()
  const sockets = new Set<net.Socket>()
  let server: net.Server | undefined

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      if (server) return resolve()
      const s = net.createServer((inbound) => {
        const outbound = net.connect(target.port, target.host)
        for (const socket of [inbound, outbound]) {
          sockets.add(socket)
          socket.once('close', () => sockets.delete(socket))
          socket.on('error', () => undefined)
        }
        inbound.pipe(outbound).pipe(inbound)
        inbound.once('close', () => outbound.destroy())
        outbound.once('close', () => inbound.destroy())
      })
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => {
        server = s
        resolve()
      })
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      if (!server) return resolve()
      server.close(() => resolve())
      server = undefined
    })

  await listen()
  return { port, cut: stop, restore: listen, close: stop }
}

/** A TCP proxy in front of a test database, and the database's URL through it: cut and restore the proxy to take PostgreSQL away. */
export async function proxiedDatabaseUrl(databaseUrl: string): Promise<{ proxy: TcpProxy; url: string }> {
  const direct = new URL(databaseUrl)
  const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) })
  const viaProxy = new URL(databaseUrl)
  viaProxy.hostname = '127.0.0.1'
  viaProxy.port = String(proxy.port)
  return { proxy, url: viaProxy.toString() }
}
