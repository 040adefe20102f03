// Each user may create only so many proposals per hour; the next one is 429 with Retry-After and a clear error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { signIn } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/test-server'

describe('proposal creation quota', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ env: { PROPOSALS_PER_HOUR: '3' } })
  })
  afterAll(async () => {
    await server.stop()
  })

  it('creating more proposals than the quota answers 429', async () => {
    const cookie = await signIn(server.url, 'sozialamt.editor')
    const editor = apiClient(server.url, cookie)
    for (let n = 1; n <= 3; n++) expect((await editor.post('/proposals', { title: `Vorlage ${n}` })).status).toBe(201)
    const response = await fetch(`${server.url}/api/proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ title: 'Vorlage 4' }),
    })
    expect(response.status).toBe(429)
    const retryAfter = Number(response.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(3500)
    expect(retryAfter).toBeLessThanOrEqual(3600)
    expect(await response.json()).toEqual({ error: `at most 3 new proposals per hour; try again in ${retryAfter} seconds` })
    // Nothing was created by the refused request; another user has a quota of their own.
    expect((await editor.get<{ title: string }[]>('/proposals')).body.map((p) => p.title)).not.toContain('Vorlage 4')
    const colleague = apiClient(server.url, await signIn(server.url, 'sozialamt.lead'))
    expect((await colleague.post('/proposals', { title: 'Vorlage der Leitung' })).status).toBe(201)
  })

  it('the quota survives a restart: it is counted from the database', async () => {
    await server.stop()
    await server.restart()
    const editor = apiClient(server.url, await signIn(server.url, 'sozialamt.editor'))
    expect((await editor.post('/proposals', { title: 'nach dem Neustart' })).status).toBe(429)
  })
})
