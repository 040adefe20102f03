// The user command line resets passwords and disables accounts in the database a running server uses.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { signIn } from '../helpers/clients'
import { serverProgram } from '../helpers/server-build'
import { startTestServer, type TestServer } from '../helpers/test-server'

const root = path.resolve(import.meta.dirname, '../..')

describe('npm run user', () => {
  // The server runs in this process (the CLI is a separate process either way): it keeps answering
  // while a CLI runs, so the CLI runs asynchronously.
  let server: TestServer
  let userProgram: string
  const userCli = (...args: string[]) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      execFile(
        process.execPath,
        [userProgram, ...args],
        { cwd: root, env: { ...process.env, DATA_DIR: server.dataDir, HOST: '127.0.0.1', SEED_DEMO: 'users' }, encoding: 'utf8', timeout: 30_000 },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out: stdout + stderr }),
      )
    })
  const login = (username: string, password: string) => apiClient(server.url).post('/login', { username, password })

  beforeAll(async () => {
    ;[userProgram, server] = await Promise.all([serverProgram('user'), startTestServer()])
  })
  afterAll(async () => {
    await server.stop()
  })

  it('the user CLI resets and disables', async () => {
    const before = await signIn(server.url, 'akr.editor')
    const reset = await userCli('password', '--username', 'akr.editor', '--password', 'Killesberg-Turm-1993')
    expect(reset).toEqual({ code: 0, out: 'new password set for akr.editor; 1 session(s) ended\n' })
    expect((await apiClient(server.url, before).get('/me')).status).toBe(401)
    expect((await login('akr.editor', 'demo')).status).toBe(401)
    expect((await login('akr.editor', 'Killesberg-Turm-1993')).status).toBe(200)

    expect(await userCli('disable', '--username', 'akr.editor')).toEqual({ code: 0, out: 'disabled akr.editor\n' })
    expect(await login('akr.editor', 'Killesberg-Turm-1993')).toEqual({ status: 403, body: { error: 'this account is disabled' } })
    expect((await userCli('list')).out).toMatch(/^akr\.editor\teditor\takr\tdisabled\t/m)
    expect(await userCli('enable', '--username', 'akr.editor')).toEqual({ code: 0, out: 'enabled akr.editor\n' })
    expect((await login('akr.editor', 'Killesberg-Turm-1993')).status).toBe(200)
  })

  it('refuses a weak password and an unknown user with exit code 1 and a message', async () => {
    // Three refusals that change nothing: run side by side.
    const [weak, added, unknown] = await Promise.all([
      userCli('password', '--username', 'akr.viewer', '--password', 'kurz'),
      userCli('add', '--username', 'neu.person', '--department', 'wfb', '--role', 'editor', '--password', 'neu.person-2024-x'),
      userCli('disable', '--username', 'niemand'),
    ])
    expect(weak).toEqual({ code: 1, out: 'password must have at least 12 characters\n' })
    expect(added).toEqual({ code: 1, out: 'password must not contain the user name\n' })
    expect(unknown).toEqual({ code: 1, out: 'no user niemand\n' })
  })
})
