// CSRF and cross-site WebSocket hijacking: a browser page elsewhere, carrying the victim's cookie, changes nothing and joins no room.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProposalSummary } from '../../shared/proposal'
import { createProposal, signIn } from '../helpers/clients'
import { upgradeStatus } from '../helpers/raw-socket'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'

const editor = 'sozialamt.editor'
const publicBaseUrl = 'https://mitzeichnung.example'
const proxyOrigin = 'https://proxy.example:8443'

describe('cross-origin requests', () => {
  let world: SignedInServer
  let proposalId: string

  beforeAll(async () => {
    world = await startSignedInServer([editor], { env: { PUBLIC_BASE_URL: publicBaseUrl, ALLOWED_ORIGINS: `${proxyOrigin}, http://other.example` } })
    proposalId = (await createProposal(world.server.url, world.cookies[editor]!)).id
  })
  afterAll(async () => {
    await world?.stop()
  })

  /** A POST /api/proposals as a browser would send it, with the victim's cookie and the given headers. */
  const postProposal = (headers: Record<string, string>, body = JSON.stringify({ title: 'Untergeschoben', number: '' })) =>
    fetch(`${world.server.url}/api/proposals`, { method: 'POST', headers: { cookie: world.cookies[editor]!, ...headers }, body })
  const titles = async () => (await world.api(editor).get<ProposalSummary[]>('/proposals')).body.map((p) => p.title)
  const ownOrigin = () => world.server.url

  it('a text/plain "simple" POST from another site is refused (403) and creates nothing', async () => {
    const response = await postProposal({ 'content-type': 'text/plain;charset=UTF-8', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' })
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ error: expect.stringContaining('cross-origin') })
    // An older browser without Sec-Fetch-Site: the Origin alone decides.
    const old = await postProposal({ 'content-type': 'text/plain', origin: 'http://evil.example' })
    expect(old.status).toBe(403)
    expect(await titles()).not.toContain('Untergeschoben')
  })

  it('a page on a sibling sub-domain (same-site, not same-origin) is refused', async () => {
    const response = await postProposal({ 'content-type': 'application/json', origin: 'https://other-app.mitzeichnung.example', 'sec-fetch-site': 'same-site' })
    expect(response.status).toBe(403)
    expect(await titles()).not.toContain('Untergeschoben')
  })

  it('an opaque origin (null), a foreign Referer without Origin and a cross-site login are refused', async () => {
    expect((await postProposal({ 'content-type': 'application/json', origin: 'null' })).status).toBe(403)
    expect((await postProposal({ 'content-type': 'application/json', referer: 'http://evil.example/page' })).status).toBe(403)
    const login = await fetch(`${world.server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ username: editor, password: 'demo' }),
    })
    expect(login.status).toBe(403)
    expect(login.headers.get('set-cookie')).toBeNull()
  })

  it('a non-JSON body from our own origin is refused with 415', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await postProposal({ 'content-type': contentType, origin: ownOrigin(), 'sec-fetch-site': 'same-origin' })
      expect(response.status, contentType).toBe(415)
      expect(await response.json()).toEqual({ error: 'request body must be application/json' })
    }
    // A body without any content type is not JSON either.
    const untyped = await fetch(`${world.server.url}/api/proposals`, { method: 'POST', headers: { cookie: world.cookies[editor]! }, body: new Uint8Array(Buffer.from('{"title":"x","number":""}')) })
    expect(untyped.status).toBe(415)
    expect(await titles()).not.toContain('Untergeschoben')
  })

  it('our own pages, the public base URL, the configured proxy origins and non-browser clients may write', async () => {
    const json = { 'content-type': 'application/json; charset=utf-8' }
    const cases: [string, Record<string, string>][] = [
      ['same-origin (Sec-Fetch-Site)', { ...json, origin: 'https://anything.example', 'sec-fetch-site': 'same-origin' }],
      ['Origin equals Host', { ...json, origin: ownOrigin() }],
      ['Referer equals Host', { ...json, referer: `${ownOrigin()}/p/x` }],
      ['PUBLIC_BASE_URL', { ...json, origin: publicBaseUrl, 'sec-fetch-site': 'cross-site' }],
      ['ALLOWED_ORIGINS', { ...json, origin: proxyOrigin }],
      ['no Origin, no Referer (not a browser)', json],
    ]
    for (const [label, headers] of cases) {
      const response = await postProposal(headers, JSON.stringify({ title: `Erlaubt: ${label}`, number: '' }))
      expect(response.status, label).toBe(201)
    }
    // A body-less POST (logout, release, …) needs no content type.
    const session = await signIn(world.server.url, editor)
    const logout = await fetch(`${world.server.url}/api/logout`, { method: 'POST', headers: { cookie: session, origin: ownOrigin() } })
    expect(logout.status).toBe(200)
  })

  it('a sync upgrade from another site is refused with 403 before upgrading; our own origin upgrades', async () => {
    const cookie = world.cookies[editor]!
    const url = `${world.server.wsUrl}/${proposalId}`
    expect(await upgradeStatus(url, { cookie, origin: 'http://evil.example' })).toBe(403)
    expect(await upgradeStatus(`${url}/record`, { cookie, origin: 'http://evil.example' })).toBe(403)
    expect(await upgradeStatus(url, { cookie, origin: 'https://sub.mitzeichnung.example', 'sec-fetch-site': 'same-site' })).toBe(403)
    expect(await upgradeStatus(url, { cookie, origin: 'null' })).toBe(403)

    expect(await upgradeStatus(url, { cookie, origin: ownOrigin() })).toBe(101)
    expect(await upgradeStatus(url, { cookie, origin: proxyOrigin })).toBe(101)
    expect(await upgradeStatus(url, { cookie, origin: publicBaseUrl })).toBe(101)
    expect(await upgradeStatus(url, { cookie })).toBe(101)
  })
})
