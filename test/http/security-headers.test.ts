// Security headers: the app shell and the API answer with a strict CSP, nosniff, no framing and no referrer leaks; HSTS only over HTTPS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config'
import { startTestServer, type TestServer } from '../helpers/test-server'

/** The CSP as a map from directive to its sources. */
function directives(policy: string | null): Record<string, string[]> {
  return Object.fromEntries((policy ?? '').split(';').map((part) => part.trim().split(/\s+/)).filter(([name]) => name).map(([name, ...sources]) => [name!, sources]))
}

describe('security headers', () => {
  let plain: TestServer
  let https: TestServer

  beforeAll(async () => {
    ;[plain, https] = await Promise.all([startTestServer(), startTestServer({ env: { PUBLIC_BASE_URL: 'https://mitzeichnung.example/' } })])
  })
  afterAll(async () => {
    await Promise.all([plain?.stop(), https?.stop()])
  })

  it('the app shell carries a CSP without inline script, with connect-src self and frame-ancestors none', async () => {
    for (const path of ['/', '/p/some-proposal']) {
      const response = await fetch(`${plain.url}${path}`)
      await response.arrayBuffer()
      const csp = directives(response.headers.get('content-security-policy'))
      expect(csp['script-src'], path).toEqual(["'self'"])
      expect(csp['style-src']).toEqual(["'self'"])
      expect(csp['connect-src']).toEqual(["'self'"])
      expect(csp['default-src']).toEqual(["'self'"])
      expect(csp['frame-ancestors']).toEqual(["'none'"])
      expect(csp['object-src']).toEqual(["'none'"])
      expect(csp['base-uri']).toEqual(["'none'"])
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('referrer-policy')).toBe('same-origin')
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('strict-transport-security'), 'no HSTS over plain HTTP').toBeNull()
    }
  })

  it('API answers, errors and static assets carry the same headers', async () => {
    for (const path of ['/api/health', '/api/me', '/assets/missing.js']) {
      const response = await fetch(`${plain.url}${path}`)
      await response.arrayBuffer()
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'")
    }
  })

  it('HSTS is sent when the public base URL is https, or a proxy says the request came over TLS', async () => {
    const viaProxy = await fetch(`${plain.url}/`, { headers: { 'x-forwarded-proto': 'https' } })
    await viaProxy.arrayBuffer()
    expect(viaProxy.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    const publicHttps = await fetch(`${https.url}/api/health`)
    await publicHttps.arrayBuffer()
    expect(publicHttps.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
  })

  it('the trusted origins come from PUBLIC_BASE_URL (default http://localhost:PORT) and ALLOWED_ORIGINS; bad entries are named', () => {
    expect(loadConfig({ PORT: '9000' }).allowedOrigins).toEqual(['http://localhost:9000'])
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://app.example/base/', ALLOWED_ORIGINS: 'https://a.example, http://b.example:81/' })).toMatchObject({
      publicBaseUrl: 'https://app.example/base',
      allowedOrigins: ['https://app.example', 'https://a.example', 'http://b.example:81'],
    })
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'evil' })).toThrow(/ALLOWED_ORIGINS/)
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'javascript:alert(1)' })).toThrow(/PUBLIC_BASE_URL/)
  })
})
