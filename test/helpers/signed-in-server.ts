// A real server with a session per demo user, REST and Yjs clients for each, and cleanup.
import { apiClient } from './api'
import { connectSynced, signIn, type Client } from './clients'
import type { ServerOptions } from './server-process'
import { startTestServer, type TestServer } from './test-server'

export type SignedInServer = {
  server: TestServer
  cookies: Record<string, string>
  api(user: string): ReturnType<typeof apiClient>
  /** A synced Yjs client of `room` (a proposal id, or `<id>/record`) as `user`; destroyed by destroyClients(). */
  connect(room: string, user: string): Promise<Client>
  /** Registers a client made elsewhere for the same cleanup. */
  track(client: Client): Client
  destroyClients(): void
  stop(): Promise<void>
}

export async function startSignedInServer(users: string[], options: ServerOptions = {}): Promise<SignedInServer> {
  const server = await startTestServer(options)
  const cookies: Record<string, string> = {}
  for (const user of users) cookies[user] = await signIn(server.url, user)
  const clients: Client[] = []
  const track = (client: Client) => (clients.push(client), client)
  return {
    server,
    cookies,
    api: (user) => apiClient(server.url, cookies[user]),
    connect: async (room, user) => track(await connectSynced(server.wsUrl, room, cookies[user]!)),
    track,
    destroyClients: () => {
      for (const client of clients.splice(0)) client.destroy()
    },
    stop: () => server.stop(),
  }
}
