// A flood of unauthenticated sync upgrades is refused with 401 while a signed-in client keeps syncing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectSynced, createProposal } from '../helpers/clients'
import { upgradeStatus } from '../helpers/raw-socket'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'

const editor = 'sozialamt.editor'
const floodSize = 2_000
/** Upgrade attempts in flight at once: enough to keep the server busy, bounded for a shared machine. */
const concurrency = 50

describe('unauthenticated upgrade flood', () => {
  let world: SignedInServer
  let proposalId: string

  beforeAll(async () => {
    world = await startSignedInServer([editor])
    proposalId = (await createProposal(world.server.url, world.cookies[editor]!)).id
  })
  afterAll(async () => {
    world?.destroyClients()
    await world?.stop()
  })

  /** Milliseconds a fresh signed-in client takes from connecting to synced. */
  async function syncTime(): Promise<number> {
    const started = performance.now()
    const client = world.track(await connectSynced(world.server.wsUrl, proposalId, world.cookies[editor]!))
    const elapsed = performance.now() - started
    client.destroy()
    return elapsed
  }

  it(`refuses ${floodSize} upgrades without a session with 401, and a normal client syncs before, during and after`, async () => {
    const before = [await syncTime(), await syncTime(), await syncTime()]
    const statuses = new Map<number, number>()
    let sent = 0
    const worker = async () => {
      while (sent < floodSize) {
        sent++
        const status = await upgradeStatus(`${world.server.wsUrl}/${proposalId}`).catch(() => -1)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }
    }
    const floodStarted = performance.now()
    const flood = Promise.all(Array.from({ length: concurrency }, worker))
    const during: number[] = []
    // Measure while the flood is still running (bounded: at most 20 samples).
    for (let i = 0; i < 20 && sent < floodSize; i++) during.push(await syncTime())
    await flood
    const floodMs = performance.now() - floodStarted
    const after = [await syncTime(), await syncTime(), await syncTime()]

    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]?.toFixed(1)
    console.log(
      `upgrade flood: ${floodSize} attempts (${concurrency} in flight) in ${floodMs.toFixed(0)} ms; ` +
        `client sync ms median before ${median(before)}, during ${median(during)} (${during.length} samples), after ${median(after)}; ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    )
    expect(Object.fromEntries(statuses)).toEqual({ 401: floodSize })
    expect(during.length).toBeGreaterThan(0)
    expect(after).toHaveLength(3)
    expect((await fetch(`${world.server.url}/api/health`)).status).toBe(200)
  })
})
