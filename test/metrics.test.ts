// GET /metrics: Prometheus text, off without a token, and only with the configured token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { titleText } from '../shared/model'
import { connectSynced, createProposal, signIn } from './helpers/clients'
import { startTestServer, type TestServer } from './helpers/test-server'
import { waitFor } from './helpers/wait'

const token = 'metrics-token-for-the-test'

describe('metrics', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN: token } })
  })
  afterAll(async () => {
    await server.stop()
  })

  it('are not public: no token or a wrong one gets 401', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401)
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
  })

  it('report connections, rooms, accepted updates, log sizes per room and latency histograms', async () => {
    const cookie = await signIn(server.url, 'sozialamt.editor')
    const { id } = await createProposal(server.url, cookie, 'Messung')
    const a = await connectSynced(server.wsUrl, id, cookie)
    const b = await connectSynced(server.wsUrl, id, cookie)
    for (let i = 0; i < 10; i++) titleText(a.doc).insert(0, 'x')
    await waitFor(() => titleText(b.doc).toString().startsWith('xxxxxxxxxx'))
    const scrape = async () => (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text()
    const text = await scrape()
    expect(text).toMatch(/^mz_open_connections 2$/m)
    expect(text).toMatch(/^mz_rooms_in_memory [1-9]/m)
    expect(text).toMatch(/^mz_updates_accepted_total (1\d|[2-9]\d|\d{3,})$/m)
    // Counted by the room as it stores: at least the ten inserts, and their bytes.
    const gauge = (name: string) => Number(new RegExp(`^${name}\\{room="${id}"\\} (\\d+)$`, 'm').exec(text)?.[1])
    expect(gauge('mz_update_log_length')).toBeGreaterThanOrEqual(10)
    expect(gauge('mz_update_log_bytes')).toBeGreaterThanOrEqual(10 * 10)
    expect(text).toMatch(/^mz_store_seconds_count [1-9]/m)
    expect(text).toMatch(/^mz_fanout_seconds_count [1-9]/m)
    a.destroy()
    b.destroy()
    await waitFor(async () => /^mz_open_connections 0$/m.test(await scrape()), { what: 'connections back to 0' })
  })

  it('are off when no token is configured', async () => {
    const plain = await startTestServer()
    try {
      expect((await fetch(`${plain.url}/metrics`)).status).toBe(404)
    } finally {
      await plain.stop()
    }
  })
})
