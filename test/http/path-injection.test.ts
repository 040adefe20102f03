// Odd paths and hostile queries: traversal, encoded slashes and impossible ids answer 400/404; SQL metacharacters in ?q= are text.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProposalSummary } from '../../shared/proposal'
import { createProposal } from '../helpers/clients'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'

const lead = 'sozialamt.lead'

/** A GET with the path exactly as given: fetch() would normalise `..` and some escapes before sending. */
function rawGet(port: number, path: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers: { cookie } }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    request.once('error', reject)
    request.end()
  })
}

describe('paths and queries from a hostile client', () => {
  let world: SignedInServer
  let id: string
  const get = (path: string) => rawGet(world.server.port, path, world.cookies[lead]!)

  beforeAll(async () => {
    world = await startSignedInServer([lead])
    const cookie = world.cookies[lead]!
    id = (await createProposal(world.server.url, cookie, 'Integration 100% sicher_gestellt')).id
    await createProposal(world.server.url, cookie, "Robert'); DROP TABLE proposals;--")
    await createProposal(world.server.url, cookie, 'Schulbau Nord')
  })
  afterAll(async () => {
    await world?.stop()
  })

  it('export and version routes with .., encoded slashes and odd ids answer 400 or 404 with a JSON error', async () => {
    const paths = [
      `/api/proposals/..%2F..%2Fdata%2Fmitzeichnung.sqlite/versions/draft/export.docx`,
      `/api/proposals/%2e%2e/versions/draft/export.pdf`,
      `/api/proposals/${id}/versions/..%2F..%2Fetc%2Fpasswd/export.pdf`,
      `/api/proposals/${id}/versions/%2e%2e%2f%2e%2e/export.json`,
      `/api/proposals/${id}/versions/..%5C..%5Cwindows/export.docx`,
      `/api/proposals/${id}/versions/draft%00/export.docx`,
      `/api/proposals/${id}/versions/-1`,
      `/api/proposals/${id}/versions/1e99`,
      `/api/proposals/${id}/versions/${'9'.repeat(400)}`,
      `/api/proposals/${id}/versions/%27%20OR%201%3D1--`,
      `/api/proposals/${'x'.repeat(4000)}/versions`,
      `/api/proposals/${id}%00/versions/draft/export.docx`,
      `/api/proposals/%00/versions`,
      `/api/proposals/${id}/diff?from=..%2F..&to=draft`,
      `/api/proposals/${id}/diff?from=draft&to=%27%3B%20DROP%20TABLE%20versions%3B--`,
      `/api/proposals/${id}/versions/draft/export.docx/../../../../package.json`,
    ]
    for (const path of paths) {
      const { status, body } = await get(path)
      expect([400, 404], path).toContain(status)
      expect(JSON.parse(body), path).toEqual({ error: expect.any(String) })
    }
    // The real draft still exports: the refusals above are about the paths, not a broken route.
    expect((await get(`/api/proposals/${id}/versions/draft/export.json`)).status).toBe(200)
  })

  it('traversal past the client directory never serves a file from outside it', async () => {
    for (const path of ['/../package.json', '/assets/../../package.json', '/assets/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/%2e%2e%5c%2e%2e%5cpackage.json', '/..%2f..%2fserver%2fconfig.ts']) {
      const { status, body } = await get(path)
      expect(body, path).not.toContain('"name": "mitzeichnung"')
      expect(body, path).not.toContain('envSchema')
      // Outside /assets the app shell answers (a client-side route); under /assets, 404.
      expect([200, 400, 404], path).toContain(status)
    }
  })

  it('?q= with SQL metacharacters returns normally, matches literally and drops nothing', async () => {
    const search = async (q: string) => {
      const { status, body } = await get(`/api/proposals?q=${encodeURIComponent(q)}`)
      expect(status, q).toBe(200)
      return (JSON.parse(body) as ProposalSummary[]).map((p) => p.title)
    }
    const everything = await search('')
    expect(everything).toHaveLength(3)
    for (const q of ["' OR '1'='1", "'; DROP TABLE proposals;--", '" OR ""="', '\\', "') UNION SELECT * FROM users--", '%%', '_'.repeat(3), '\u0000', 'a'.repeat(5000)]) {
      const titles = await search(q)
      // Literal substring semantics: a hit must really contain the query.
      for (const title of titles) expect(title.toLowerCase(), q).toContain(q.toLowerCase())
    }
    expect(await search('DROP TABLE')).toEqual(["Robert'); DROP TABLE proposals;--"])
    expect(await search('100%')).toEqual(['Integration 100% sicher_gestellt'])
    // As LIKE, 'n_1' would match "Integration 100"; literally it matches nothing.
    expect(await search('n_1')).toEqual([])
    // Nothing was dropped: every proposal and every user is still there.
    expect(await search('')).toEqual(everything)
    expect(JSON.parse((await get('/api/departments/sozialamt/users')).body)).toEqual(expect.arrayContaining([expect.objectContaining({ username: lead })]))
    expect((await get('/api/me')).status).toBe(200)
  })
})
