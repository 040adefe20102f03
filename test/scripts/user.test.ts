// The user command line resets passwords and disables accounts in the database a running server uses.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { signIn } from '../helpers/clients'
import { serverProgram } from '../helpers/server-build'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'

const root = path.resolve(import.meta.dirname, '../..')

describe('npm run user', () => {
  let server: ServerProcess
  let userProgram: string
  const userCli = (...args: string[]) => {
    const run = spawnSync(process.execPath, [userProgram, ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: server.dataDir, HOST: '127.0.0.1', SEED_DEMO: 'users' },
      encoding: 'utf8',
      timeout: 30_000,
    })
    return { code: run.status, out: run.stdout + run.stderr }
  }
  const login = (username: string, password: string) => apiClient(server.url).post('/login', { username, password })

  beforeAll(async () => {
    userProgram = await serverProgram('user')
    server = await startServerProcess()
  })
  afterAll(async () => {
    await server.stop()
  })

  it('the user CLI resets and disables', async () => {
    const before = await signIn(server.url, 'akr.editor')
    const reset = userCli('password', '--username', 'akr.editor', '--password', 'Killesberg-Turm-1993')
    expect(reset).toEqual({ code: 0, out: 'new password set for akr.editor; 1 session(s) ended\n' })
    expect((await apiClient(server.url, before).get('/me')).status).toBe(401)
    expect((await login('akr.editor', 'demo')).status).toBe(401)
    expect((await login('akr.editor', 'Killesberg-Turm-1993')).status).toBe(200)

    expect(userCli('disable', '--username', 'akr.editor')).toEqual({ code: 0, out: 'disabled akr.editor\n' })
    expect(await login('akr.editor', 'Killesberg-Turm-1993')).toEqual({ status: 403, body: { error: 'this account is disabled' } })
    expect(userCli('list').out).toMatch(/^akr\.editor\teditor\takr\tdisabled\t/m)
    expect(userCli('enable', '--username', 'akr.editor')).toEqual({ code: 0, out: 'enabled akr.editor\n' })
    expect((await login('akr.editor', 'Killesberg-Turm-1993')).status).toBe(200)
  })

  it('refuses a weak password and an unknown user with exit code 1 and a message', () => {
    expect(userCli('password', '--username', 'akr.viewer', '--password', 'kurz')).toEqual({
      code: 1,
      out: 'password must have at least 12 characters\n',
    })
    const added = userCli('add', '--username', 'neu.person', '--department', 'wfb', '--role', 'editor', '--password', 'neu.person-2024-x')
    expect(added).toEqual({ code: 1, out: 'password must not contain the user name\n' })
    expect(userCli('disable', '--username', 'niemand')).toEqual({ code: 1, out: 'no user niemand\n' })
  })
})
