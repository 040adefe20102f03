// Who reads the OParl endpoint: the council information system with its bearer token (or anyone, when
// public) — never a person's session cookie; no browser headers needed; ids never from the Host header.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'
import { startTestServer } from '../helpers/test-server'
import { oparlToken } from './world'

const publicBaseUrl = 'https://ris.example.org'

/** A GET whose Host header we choose: fetch() would set its own. */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    request.on('error', reject)
    request.setTimeout(10_000, () => request.destroy(new Error('no answer in 10 s')))
    request.end()
  })
}

describe('access to the OParl endpoint', () => {
  let world: SignedInServer
  const url = (path: string) => `${world.server.url}/oparl/v1${path}`
  const bearer = { authorization: `Bearer ${oparlToken}` }
  const paths = ['', '/body', '/body/1', '/body/1/paper', '/body/1/organization', '/paper/demo9492019', '/file/abcdefgh/pdf/content']

  beforeAll(async () => {
    world = await startSignedInServer(['sozialamt.lead'], { env: { OPARL_TOKEN: oparlToken, PUBLIC_BASE_URL: publicBaseUrl } })
  })
  afterAll(() => world?.stop())

  it('without the token, with a wrong one, or with only a session cookie, every URL answers 401 with a JSON error', async () => {
    const refusals: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token-wrong-token' }, { authorization: `Basic ${oparlToken}` }, { cookie: world.cookies['sozialamt.lead']! }]
    for (const path of paths) {
      for (const headers of refusals) {
        const response = await fetch(url(path), { headers })
        expect(response.status, `${path} ${JSON.stringify(Object.keys(headers))}`).toBe(401)
        expect(response.headers.get('www-authenticate')).toBe('Bearer realm="oparl"')
        expect(await response.json()).toEqual({ error: expect.stringContaining('bearer token') })
      }
    }
  })

  it('with the token a plain client without Origin, Referer or Sec-Fetch headers reads; a missing object is a 404 JSON error', async () => {
    const system = await rawGet(world.server.port, '/oparl/v1', { ...bearer, host: `127.0.0.1:${world.server.port}` })
    expect(system.status).toBe(200)
    expect(JSON.parse(system.body)).toMatchObject({ id: `${publicBaseUrl}/oparl/v1`, type: 'https://schema.oparl.org/1.1/System', body: `${publicBaseUrl}/oparl/v1/body` })
    for (const path of ['/paper/nosuchpaper', '/organization/nosuch', '/meeting/nosuch', '/consultation/a/b', '/file/abcdefgh/pdf', '/file/abcdefgh/exe', '/body/2', '/body/1/agendaItem', '/nothing/here']) {
      const response = await fetch(url(path), { headers: bearer })
      expect(response.status, path).toBe(404)
      expect(await response.json(), path).toEqual({ error: expect.any(String) })
    }
  })

  it('sends a client that adds a slash to the System object', async () => {
    const response = await fetch(url('/'), { headers: bearer, redirect: 'manual' })
    expect(response.status).toBe(301)
    expect(response.headers.get('location')).toBe(`${publicBaseUrl}/oparl/v1`)
  })

  it('builds every id from PUBLIC_BASE_URL, never from a forged Host header', async () => {
    const { status, body } = await rawGet(world.server.port, '/oparl/v1/body/1', { ...bearer, host: 'evil.example:666', 'x-forwarded-host': 'evil.example' })
    expect(status).toBe(200)
    expect(body).not.toContain('evil.example')
    expect(JSON.parse(body)).toMatchObject({ id: `${publicBaseUrl}/oparl/v1/body/1`, paper: `${publicBaseUrl}/oparl/v1/body/1/paper` })
  })

  it('may be read cross-origin (CORS *, preflight for the Authorization header), and only read', async () => {
    const crossSite = await fetch(url('/body/1'), { headers: { ...bearer, origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' } })
    expect(crossSite.status).toBe(200)
    expect(crossSite.headers.get('access-control-allow-origin')).toBe('*')
    expect(crossSite.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    const preflight = await fetch(url('/body/1'), { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-headers': 'authorization' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization')
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await fetch(url('/body/1'), { method, headers: { ...bearer, cookie: world.cookies['sozialamt.lead']! } })
      expect(response.status, method).toBe(405)
      expect(await response.json()).toEqual({ error: 'the OParl endpoint is read-only' })
    }
  })

  it('answers a bad list filter with 400 naming it', async () => {
    const response = await fetch(url('/body/1/paper?modified_since=yesterday'), { headers: bearer })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: expect.stringMatching(/^modified_since: /) })
  })

  it('is off (404 JSON) when neither OPARL_PUBLIC nor OPARL_TOKEN is set', async () => {
    const server = await startTestServer()
    try {
      const response = await fetch(`${server.url}/oparl/v1`)
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual({ error: expect.stringContaining('not enabled') })
    } finally {
      await server.stop()
    }
  })
})
