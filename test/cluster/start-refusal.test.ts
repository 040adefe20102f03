// How an instance knows it is one of several: the instance table. A second instance on the same
// database without Redis is refused with a clear message; a killed instance does not block a restart.
import { afterEach, describe, expect, it } from 'vitest'
import { runServerUntilExit, startServerProcess, tempDataDir, type ServerProcess } from '../helpers/server-process'

describe('several instances on one database', () => {
  let first: ServerProcess | undefined
  afterEach(async () => {
    await first?.stop()
    first = undefined
  })

  it('a second instance without REDIS_URL is refused with exit code 2 and a message saying what to set', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('refusal')
    first = await startServerProcess({ dataDir, env: { INSTANCE_ID: 'erste' } })
    const second = await runServerUntilExit(dataDir, { INSTANCE_ID: 'zweite' })
    expect(second.code).toBe(2)
    expect(second.stderr).toMatch(/Another server instance, "erste" \(host .*, pid \d+\), is running on this database/)
    expect(second.stderr).toMatch(/set REDIS_URL .* on every instance/)
    // The first one serves on, untouched.
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200)
  })

  it('an instance with REDIS_URL is refused beside one that runs without it, which could not hear it', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('refusal')
    first = await startServerProcess({ dataDir, env: { INSTANCE_ID: 'ohne-redis' } })
    // Refused before it connects anywhere: no Redis needs to listen there.
    const second = await runServerUntilExit(dataDir, { INSTANCE_ID: 'mit-redis', REDIS_URL: 'redis://127.0.0.1:1' })
    expect(second.code).toBe(2)
    expect(second.stderr).toMatch(/"ohne-redis" .* is running on this database without REDIS_URL: it would not hear this instance/)
  })

  it('an instance killed with -9 does not block the next start on its database', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('refusal')
    const killed = await startServerProcess({ dataDir, env: { INSTANCE_ID: 'abgestuerzt' } })
    await killed.kill9()
    first = await startServerProcess({ dataDir, env: { INSTANCE_ID: 'neu' } })
    const health = (await (await fetch(`${first.url}/api/health`)).json()) as Record<string, unknown>
    expect(health).toMatchObject({ instance: 'neu', redis: { state: 'off' }, otherInstances: 0 })
  })
})
