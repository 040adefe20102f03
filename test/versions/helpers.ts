// Shared steps of the version tests: a server, signed-in users, and waiting for the server's copy.
import { expect } from 'vitest'
import type * as Y from 'yjs'
import { contentHash } from '../../shared/model/content-hash'
import { apiClient } from '../helpers/api'
import { connectSynced, signIn, type Client } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/test-server'
import { waitFor } from '../helpers/wait'

export type VersionFixture = {
  server: TestServer
  api(user: string): ReturnType<typeof apiClient>
  connect(proposalId: string, user: string): Promise<Client>
  /** A proposal from a template, created by the Sozialamt's lead. */
  create(template: string, title?: string): Promise<string>
  /** Resolves once the server's stored content has this client's state. */
  stored(proposalId: string, doc: Y.Doc): Promise<void>
  /** Destroys the clients of the test that just ran. */
  disconnectAll(): void
  stop(): Promise<void>
}

export async function startVersionFixture(users: string[]): Promise<VersionFixture> {
  const server = await startTestServer()
  const cookies: Record<string, string> = {}
  for (const user of users) cookies[user] = await signIn(server.url, user)
  const clients: Client[] = []
  const api = (user: string) => apiClient(server.url, cookies[user])
  return {
    server,
    api,
    async connect(proposalId, user) {
      const client = await connectSynced(server.wsUrl, proposalId, cookies[user]!)
      clients.push(client)
      return client
    },
    async create(template, title = 'Testvorlage für Fassungen') {
      const created = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title, template })
      expect(created.status).toBe(201)
      return created.body.id
    },
    async stored(proposalId, doc) {
      const hash = contentHash(doc)
      await waitFor(async () => (await api('sozialamt.lead').get<{ contentHash: string }>(`/proposals/${proposalId}/versions/draft`)).body.contentHash === hash, {
        what: 'the server to store the edit',
      })
    },
    disconnectAll() {
      for (const client of clients.splice(0)) client.destroy()
    },
    stop: () => server.stop(),
  }
}
