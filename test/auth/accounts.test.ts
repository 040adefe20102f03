// A department lead manages its people: resets passwords, disables and enables them; never those of another department.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { createProposal, signIn } from '../helpers/clients'
import { openRawSocket } from '../helpers/raw-socket'
import { startTestServer, type TestServer } from '../helpers/test-server'

type Member = { id: string; username: string; role: string; disabled: boolean }

describe('account management by the department lead', () => {
  let server: TestServer
  let lead: ReturnType<typeof apiClient>
  const memberId = async (username: string) => {
    const department = username.split('.')[0]
    const { body } = await apiClient(server.url, await signIn(server.url, `${department}.lead`)).get<Member[]>(`/departments/${department}/users`)
    return body.find((member) => member.username === username)!.id
  }
  const login = (username: string, password = 'demo') => apiClient(server.url).post('/login', { username, password })

  beforeAll(async () => {
    server = await startTestServer()
    lead = apiClient(server.url, await signIn(server.url, 'sozialamt.lead'))
  })
  afterAll(async () => {
    await server.stop()
  })

  it('a lead disables a member of their department: sessions end, login refused', async () => {
    const viewer = await signIn(server.url, 'sozialamt.viewer')
    const { id: proposalId } = await createProposal(server.url, await signIn(server.url, 'sozialamt.editor'), 'Abschalten')
    const socket = await openRawSocket(server.wsUrl, proposalId, viewer)
    try {
      const id = await memberId('sozialamt.viewer')
      expect(await lead.post(`/users/${id}/disable`)).toEqual({ status: 200, body: { id, disabled: true } })
      expect(await socket.closed).toEqual({ code: 4401, reason: 'signed out' })
      expect((await apiClient(server.url, viewer).get('/me')).status).toBe(401)
      expect(await login('sozialamt.viewer')).toEqual({ status: 403, body: { error: 'this account is disabled' } })
      // A wrong password still gets the plain 401: being disabled is no hint to someone guessing.
      expect((await login('sozialamt.viewer', 'falsch')).status).toBe(401)
      const listed = (await lead.get<Member[]>('/departments/sozialamt/users')).body.find((m) => m.id === id)
      expect(listed?.disabled).toBe(true)

      expect(await lead.post(`/users/${id}/enable`)).toEqual({ status: 200, body: { id, disabled: false } })
      expect((await login('sozialamt.viewer')).status).toBe(200)
    } finally {
      socket.ws.terminate()
    }
  })

  it('a lead cannot disable a user of another department', async () => {
    const id = await memberId('wfb.editor')
    const refused = await lead.post(`/users/${id}/disable`)
    expect(refused).toEqual({ status: 403, body: { error: 'only a lead of the department manages its people' } })
    expect((await lead.post(`/users/${id}/password`, { newPassword: 'Neckar-Ufer-Radweg-2' })).status).toBe(403)
    expect((await login('wfb.editor')).status).toBe(200)
    // Nor may an editor disable anyone, nor a lead themself.
    const editor = apiClient(server.url, await signIn(server.url, 'sozialamt.editor'))
    expect((await editor.post(`/users/${await memberId('sozialamt.viewer')}/disable`)).status).toBe(403)
    const self = await lead.post(`/users/${await memberId('sozialamt.lead')}/disable`)
    expect(self).toEqual({ status: 400, body: { error: 'you cannot disable your own account' } })
  })

  it('a lead resets the password of a member: their sessions end, the new password signs in', async () => {
    const member = await signIn(server.url, 'sozialamt.editor')
    const id = await memberId('sozialamt.editor')
    const reset = await lead.post(`/users/${id}/password`, { newPassword: 'Neckar-Ufer-Radweg-2' })
    expect(reset).toEqual({ status: 200, body: { id, endedSessions: expect.any(Number) } })
    expect((reset.body as { endedSessions: number }).endedSessions).toBeGreaterThanOrEqual(1)
    expect((await apiClient(server.url, member).get('/me')).status).toBe(401)
    expect((await login('sozialamt.editor')).status).toBe(401)
    expect((await login('sozialamt.editor', 'Neckar-Ufer-Radweg-2')).status).toBe(200)
  })

  it('a short password is refused with 400 and a message', async () => {
    const id = await memberId('sozialamt.viewer')
    expect(await lead.post(`/users/${id}/password`, { newPassword: 'demo1234' })).toEqual({
      status: 400,
      body: { error: 'password must have at least 12 characters' },
    })
    expect(await lead.post(`/users/${id}/password`, {})).toEqual({ status: 400, body: { error: expect.stringMatching(/^newPassword: /) } })
    expect((await login('sozialamt.viewer')).status).toBe(200)
  })
})
