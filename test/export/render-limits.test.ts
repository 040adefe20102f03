// A render that exhausts its worker answers 503 and the server keeps serving: the worker's heap limit
// and the render time limit come from the configuration, and no render falls back to the main thread.
import { afterEach, describe, expect, it } from 'vitest'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'

describe('render limits of the export routes', () => {
  let s: SignedInServer | undefined
  afterEach(async () => {
    await s?.stop()
    s = undefined
  })

  async function serverWith(env: Record<string, string>) {
    s = await startSignedInServer(['sozialamt.lead', 'sozialamt.viewer'], { env })
    const created = await s.api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Pakt', template: 'pakt-949-2019', number: '949/2019' })
    expect(created.status).toBe(201)
    return { server: s, id: created.body.id }
  }

  const get = (server: SignedInServer, path: string) => fetch(`${server.server.url}${path}`, { headers: { cookie: server.cookies['sozialamt.viewer']! } })

  it('answers 503 to a render that runs out of memory, again to the next, and keeps serving', async () => {
    // 16 MB: a worker runs out of memory before it can answer; the old pool then rendered on the main thread.
    const { server, id } = await serverWith({ RENDER_WORKER_MEMORY_MB: '16' })
    for (const format of ['pdf', 'docx', 'json']) {
      const response = await get(server, `/api/proposals/${id}/versions/draft/export.${format}`)
      expect(response.status, format).toBe(503)
      expect((await response.json()).error).toMatch(/could not be rendered: the render worker (ran out of memory|exited)/)
    }
    expect((await get(server, '/api/health')).status).toBe(200)
    expect((await get(server, `/api/proposals/${id}`)).status).toBe(200)
    expect(server.server.output()).not.toMatch(/heap out of memory/i)
  })

  it('answers 503 to a render over the time limit and keeps serving', async () => {
    const { server, id } = await serverWith({ RENDER_TIMEOUT_MS: '100' })
    const response = await get(server, `/api/proposals/${id}/versions/draft/export.pdf`)
    expect(response.status).toBe(503)
    expect((await response.json()).error).toMatch(/longer than 100 ms/)
    expect((await get(server, '/api/health')).status).toBe(200)
    expect((await get(server, `/api/proposals/${id}`)).status).toBe(200)
  })
})
