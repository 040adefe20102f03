// Sign-in throttling: back-off per user name and per client address, 429 with Retry-After, counted in /metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLoginThrottle } from '../../server/auth/login-throttle'
import { apiClient } from '../helpers/api'
import { startTestServer, type TestServer } from '../helpers/test-server'
import { waitFor } from '../helpers/wait'

const token = 'metrics-token-for-the-throttle-test'

async function login(server: TestServer, username: string, password: string) {
  const response = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { error?: string } }
}

const scrape = async (server: TestServer) =>
  (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text()

describe('login throttling per user name', () => {
  let server: TestServer
  beforeAll(async () => {
    // The address limit is lifted here: these tests look at one name at a time from one address.
    server = await startTestServer({ env: { METRICS_TOKEN: token, LOGIN_FREE_FAILURES_PER_ADDRESS: '1000', LOGIN_BACKOFF_MS: '400' } })
  })
  afterAll(async () => {
    await server.stop()
  })

  it('the sixth wrong password in a row for one user answers 429 with Retry-After', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) expect((await login(server, 'jobcenter.editor', 'falsch')).status).toBe(401)
    const sixth = await login(server, 'jobcenter.editor', 'falsch')
    expect(sixth.status).toBe(429)
    expect(Number(sixth.retryAfter)).toBeGreaterThanOrEqual(1)
    expect(sixth.body.error).toMatch(/too many failed sign-ins; try again in \d+ seconds/)
    // Even the right password waits: the lock is on the name, not on a guess.
    expect((await login(server, 'JobCenter.Editor', 'demo')).status).toBe(429)
    // Another user from the same address is not affected.
    expect((await login(server, 'jobcenter.viewer', 'demo')).status).toBe(200)
  })

  it('a correct password after the back-off signs in', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) await login(server, 'akr.editor', 'falsch')
    expect((await login(server, 'akr.editor', 'demo')).status).toBe(429)
    const started = Date.now()
    // Attempts during the lock neither check the password nor lengthen the lock.
    await waitFor(async () => (await login(server, 'akr.editor', 'demo')).status === 200, { intervalMs: 50, what: 'sign-in after the back-off' })
    expect(Date.now() - started).toBeLessThan(5_000)
    // Success cleared the name's failures: one more typo is a plain 401 again, not a lock.
    expect((await login(server, 'akr.editor', 'falsch')).status).toBe(401)
    expect((await login(server, 'akr.editor', 'demo')).status).toBe(200)
  })

  it('throttled attempts are counted in /metrics', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) await login(server, 'wfb.viewer', 'falsch')
    const before = Number(/^mz_login_throttled_total\{scope="user"\} (\d+)$/m.exec(await scrape(server))?.[1] ?? 0)
    expect((await login(server, 'wfb.viewer', 'falsch')).status).toBe(429)
    expect((await login(server, 'wfb.viewer', 'falsch')).status).toBe(429)
    const text = await scrape(server)
    expect(text).toMatch(new RegExp(`^mz_login_throttled_total\\{scope="user"\\} ${before + 2}$`, 'm'))
    expect(text).toMatch(/^mz_login_failures_total (1[5-9]|[2-9]\d)$/m)
    expect(server.output()).toMatch(/"msg":"sign-in back-off".*"username":"wfb.viewer"/)
  })
})

describe('login throttling per client address', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN: token, LOGIN_FREE_FAILURES_PER_ADDRESS: '10' } })
  })
  afterAll(async () => {
    await server.stop()
  })

  it('spraying from one address is throttled', async () => {
    // One guess per name never reaches a name's limit; the address's limit still stops it.
    for (let name = 0; name < 10; name++) expect((await login(server, `sprayed.${name}`, 'Sommer2024!')).status).toBe(401)
    const next = await login(server, 'sprayed.10', 'Sommer2024!')
    expect(next.status).toBe(429)
    expect(Number(next.retryAfter)).toBeGreaterThanOrEqual(1)
    expect(await scrape(server)).toMatch(/^mz_login_throttled_total\{scope="address"\} 1$/m)
    // The X-Forwarded-For header is not trusted unless TRUST_PROXY is set: it does not escape the lock.
    const forged = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ username: 'sprayed.11', password: 'x' }),
    })
    expect(forged.status).toBe(429)
    expect((await apiClient(server.url).get('/me')).status).toBe(401)
  })
})

describe('the login throttle itself (clock injected)', () => {
  const config = { freeFailuresPerUser: 5, freeFailuresPerAddress: 20, backoffMs: 1_000, backoffMaxMs: 60_000, maxEntries: 100 }

  it('an attacker cannot lock a user out for longer than the cap after they stop', () => {
    let now = 0
    const throttle = createLoginThrottle(config, () => now)
    // The attacker tries again the moment each lock ends, fifty times, from ever new addresses.
    for (let attempt = 0; attempt < 50; attempt++) {
      const verdict = throttle.check('sozialamt.lead', `198.51.100.${attempt}`)
      if (verdict) now += verdict.retryAfterMs
      throttle.failed('sozialamt.lead', `198.51.100.${attempt}`)
    }
    const verdict = throttle.check('sozialamt.lead', '192.0.2.1')
    expect(verdict?.scope).toBe('user')
    expect(verdict!.retryAfterMs).toBeLessThanOrEqual(config.backoffMaxMs)
    now += config.backoffMaxMs
    expect(throttle.check('sozialamt.lead', '192.0.2.1')).toBeUndefined()
  })

  it('spraying many names keeps the memory bounded', () => {
    const throttle = createLoginThrottle(config, () => 0)
    for (let name = 0; name < 10_000; name++) throttle.failed(`name-${name}`, `10.0.${name >> 8}.${name & 255}`)
    expect(throttle.size).toBeLessThanOrEqual(config.maxEntries)
  })
})
