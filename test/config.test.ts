// The configuration refuses demo accounts (password "demo") where other machines can reach them.
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../server/config'
import { runServerUntilExit, tempDataDir } from './helpers/server-process'

describe('demo accounts and the listening address', () => {
  it('a start on a non-loopback HOST with demo accounts refuses with exit code 2', async () => {
    const seeded = await runServerUntilExit(tempDataDir('config'), { HOST: '0.0.0.0', SEED_DEMO: 'users' })
    expect(seeded.code).toBe(2)
    expect(seeded.stderr).toMatch(/SEED_DEMO=users creates demo accounts .* HOST=0\.0\.0\.0 .*ALLOW_DEMO_ACCOUNTS=true/)
    // SEED_DEMO=all, the default, is refused the same way.
    expect((await runServerUntilExit(tempDataDir('config'), { HOST: '0.0.0.0', SEED_DEMO: 'all' })).code).toBe(2)
  })

  it('loopback is the default HOST, where demo accounts are allowed; elsewhere only without them or with the flag', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1')
    expect(loadConfig({}).seedDemo).toBe('all')
    for (const host of ['localhost', '::1', '127.0.0.2']) expect(loadConfig({ HOST: host }).host).toBe(host)
    expect(() => loadConfig({ HOST: '192.168.1.20' })).toThrow(ConfigError)
    expect(loadConfig({ HOST: '0.0.0.0', SEED_DEMO: 'none' }).host).toBe('0.0.0.0')
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_DEMO_ACCOUNTS: 'true' }).seedDemo).toBe('all')
    expect(() => loadConfig({ ALLOW_DEMO_ACCOUNTS: 'yes' })).toThrow(/ALLOW_DEMO_ACCOUNTS: must be true or false/)
  })
})

describe('the OParl settings', () => {
  it('are off by default, name the body after the organisation, and refuse a short token or a bad AGS', () => {
    expect(loadConfig({ ORGANISATION_NAME: 'Stadt Esslingen am Neckar' }).oparl).toEqual({
      public: false,
      token: undefined,
      pageSize: 100,
      body: { name: 'Stadt Esslingen am Neckar' },
    })
    const configured = loadConfig({ OPARL_PUBLIC: 'true', OPARL_PAGE_SIZE: '5', OPARL_BODY_NAME: 'Stuttgart', OPARL_BODY_AGS: '08111000', OPARL_BODY_WEBSITE: 'https://www.stuttgart.de' })
    expect(configured.oparl).toMatchObject({ public: true, pageSize: 5, body: { name: 'Stuttgart', ags: '08111000', website: 'https://www.stuttgart.de' } })
    expect(() => loadConfig({ OPARL_TOKEN: 'short' })).toThrow(/OPARL_TOKEN must have at least 16 characters/)
    expect(() => loadConfig({ OPARL_BODY_AGS: '0811' })).toThrow(/OPARL_BODY_AGS must be eight digits/)
    expect(() => loadConfig({ OPARL_PAGE_SIZE: '0' })).toThrow(/OPARL_PAGE_SIZE/)
  })
})
