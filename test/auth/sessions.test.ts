// Sessions end where they should: on a password change (the others), after idling, and the cookie is __Host- over HTTPS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { createProposal, signIn } from '../helpers/clients'
import { openRawSocket } from '../helpers/raw-socket'
import { startTestServer, type TestServer } from '../helpers/test-server'
import { waitFor } from '../helpers/wait'

const newPassword = 'Wasserturm-Feuerbach-7'

describe('sessions', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ env: { SESSION_IDLE_MS: '600' } })
  })
  afterAll(async () => {
    await server.stop()
  })

  it("a password change ends the user's other sessions and closes their sockets with 4401", async () => {
    const here = await signIn(server.url, 'sozialamt.editor')
    const elsewhere = await signIn(server.url, 'sozialamt.editor')
    const { id } = await createProposal(server.url, here, 'Passwortwechsel')
    const ownSocket = await openRawSocket(server.wsUrl, id, here)
    const otherSocket = await openRawSocket(server.wsUrl, id, elsewhere)
    try {
      const changed = await apiClient(server.url, here).post('/me/password', { currentPassword: 'demo', newPassword })
      expect(changed).toEqual({ status: 200, body: { ok: true, endedSessions: 1 } })
      expect(await otherSocket.closed).toEqual({ code: 4401, reason: 'signed out' })
      expect((await apiClient(server.url, elsewhere).get('/me')).status).toBe(401)
      // The session that changed the password goes on, socket included.
      expect((await apiClient(server.url, here).get('/me')).status).toBe(200)
      expect(ownSocket.ws.readyState).toBe(ownSocket.ws.OPEN)
      expect((await apiClient(server.url).post('/login', { username: 'sozialamt.editor', password: 'demo' })).status).toBe(401)
      expect(await signIn(server.url, 'sozialamt.editor', newPassword)).toMatch(/^mz_session=/)
    } finally {
      ownSocket.ws.terminate()
      otherSocket.ws.terminate()
    }
  })

  it('a password change needs the current password and a password the policy accepts', async () => {
    const cookie = await signIn(server.url, 'jobcenter.editor')
    const me = apiClient(server.url, cookie)
    const wrong = await me.post('/me/password', { currentPassword: 'falsch', newPassword })
    expect(wrong).toEqual({ status: 403, body: { error: 'the current password is wrong' } })
    const short = await me.post('/me/password', { currentPassword: 'demo', newPassword: 'kurz' })
    expect(short).toEqual({ status: 400, body: { error: 'password must have at least 12 characters' } })
    const withName = await me.post('/me/password', { currentPassword: 'demo', newPassword: 'my-jobcenter.editor-pw' })
    expect(withName).toEqual({ status: 400, body: { error: 'password must not contain the user name' } })
    const common = await me.post('/me/password', { currentPassword: 'demo', newPassword: 'Password1234' })
    expect(common.status).toBe(400)
    expect(common.body).toEqual({ error: 'password is one of the most common passwords; choose another' })
    // Nothing was changed by the refusals.
    expect(await signIn(server.url, 'jobcenter.editor')).toMatch(/^mz_session=/)
  })

  it('a session idle longer than the idle timeout is refused', async () => {
    const idle = apiClient(server.url, await signIn(server.url, 'wfb.editor'))
    const busy = apiClient(server.url, await signIn(server.url, 'wfb.viewer'))
    const started = Date.now()
    expect((await idle.get('/me')).status).toBe(200)
    // A session in use outlives the idle timeout several times over; the one left alone does not.
    const busyAnswers: number[] = []
    await waitFor(
      async () => {
        busyAnswers.push((await busy.get('/me')).status)
        return Date.now() - started > 1_500
      },
      { intervalMs: 40, what: 'two and a half idle timeouts of use' },
    )
    expect(new Set(busyAnswers)).toEqual(new Set([200]))
    expect(await idle.get('/me')).toEqual({ status: 401, body: { error: 'not signed in' } })
  })
})

describe('a socket outlives no session', () => {
  it('a socket whose session reached its absolute age is closed with 4401 by the sweep', async () => {
    const server = await startTestServer({ env: { SESSION_MAX_AGE_MS: '1500', SESSION_SWEEP_MS: '50' } })
    try {
      const { id } = await createProposal(server.url, await signIn(server.url, 'sozialamt.editor'), 'Ablauf')
      const signedInAt = Date.now()
      const cookie = await signIn(server.url, 'akr.editor')
      const socket = await openRawSocket(server.wsUrl, id, cookie)
      expect(await socket.closed).toEqual({ code: 4401, reason: 'signed out' })
      // Not before the session's end, and no REST call was needed to notice it.
      expect(Date.now() - signedInAt).toBeGreaterThanOrEqual(1_500)
    } finally {
      await server.stop()
    }
  })
})

describe('the session cookie', () => {
  it('over HTTPS the cookie is __Host-mz_session, Secure, for the whole host', async () => {
    const server = await startTestServer({ env: { PUBLIC_BASE_URL: 'https://mitzeichnung.example' } })
    try {
      const response = await fetch(`${server.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'akr.viewer', password: 'demo' }),
      })
      const setCookie = response.headers.get('set-cookie') ?? ''
      expect(setCookie).toMatch(/^__Host-mz_session=[\w-]{43}; /)
      expect(setCookie).toMatch(/; Secure/)
      expect(setCookie).toMatch(/; Path=\//)
      expect(setCookie).toMatch(/; HttpOnly/)
      expect(setCookie).not.toMatch(/Domain=/i)
      const cookie = setCookie.split(';')[0]!
      expect((await apiClient(server.url, cookie).get('/me')).status).toBe(200)
      // The plain name is not read any more: a cookie planted by a sibling host does not count.
      expect((await apiClient(server.url, cookie.replace('__Host-', '')).get('/me')).status).toBe(401)
    } finally {
      await server.stop()
    }
  })

  it('over plain HTTP the cookie is mz_session, without Secure', async () => {
    const server = await startTestServer()
    try {
      const response = await fetch(`${server.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ username: 'akr.viewer', password: 'demo' }),
      })
      const setCookie = response.headers.get('set-cookie') ?? ''
      expect(setCookie).toMatch(/^mz_session=/)
      expect(setCookie).not.toMatch(/Secure/)
    } finally {
      await server.stop()
    }
  })
})
