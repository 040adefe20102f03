// Crash test: 10 clients type into 3 proposals while the server is killed with SIGKILL at random
// moments, 5 times. Whatever a client had seen from another before a kill is already on disk;
// the clients reconnect by themselves; at the end everyone converges with nothing lost.
import { afterAll, expect, it } from 'vitest'
import { readBodyText } from '../../shared/model'
import { connectClient, createProposal, newBodyParagraph, signIn, type Client } from '../helpers/clients'
import { readStoredDocOf } from '../helpers/database'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'
import { waitFor } from '../helpers/wait'
import type { Backend } from '../helpers/services'

/** A small seeded generator, so a failing run can be repeated with its seed. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const markersIn = (text: string) => new Set(text.match(/\[c\d+:\d+\]/g) ?? [])

export function crashSuite(backend: Backend): void {
  let server: ServerProcess | undefined
  const clients: Client[] = []
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server?.stop()
  })

  it('10 clients, 3 proposals, 5 SIGKILLs at random moments: every observed update is stored and all converge', async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000)
    const random = mulberry32(seed)
    console.info(`crash test seed ${seed} (repeat with CRASH_SEED=${seed})`)
    server = await startServerProcess({ backend, env: { COMPACT_AFTER_UPDATES: '40' } })
    const cookie = await signIn(server.url, 'sozialamt.editor')
    const proposals = [
      await createProposal(server.url, cookie, 'A'),
      await createProposal(server.url, cookie, 'B'),
      await createProposal(server.url, cookie, 'C'),
    ]
    const roomOf = (i: number) => proposals[i % proposals.length]!.id
    for (let i = 0; i < 10; i++) clients.push(connectClient(server.wsUrl, roomOf(i), { cookie }))
    const typists = [...clients]
    await waitFor(() => clients.every((c) => c.provider.synced), { what: 'all clients synced' })

    // Each client types a marker every 15–45 ms while it is connected, so no kill lands between edits only.
    let typing = true
    const counters = typists.map(() => 0)
    // Each client types into a paragraph of its own: one paragraph would outgrow the model's limit.
    const paragraphs = typists.map((client) => newBodyParagraph(client.doc))
    const typers = typists.map((client, i) => {
      const tick = () => {
        if (!typing) return
        if (client.provider.wsconnected) {
          const text = paragraphs[i]!
          // Only between markers: an insert inside one would break it for the regex.
          const content = text.toString()
          const boundaries = [0, ...[...content].flatMap((ch, at) => (ch === ']' ? [at + 1] : []))]
          text.insert(boundaries[Math.floor(random() * boundaries.length)]!, `[c${i}:${counters[i]!++}]`)
        }
        timers[i] = setTimeout(tick, 15 + random() * 30)
      }
      return tick
    })
    const timers: NodeJS.Timeout[] = []
    typers.forEach((tick) => tick())

    for (let kill = 0; kill < 5; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 150 + random() * 450))
      // What each client has seen of the others right now; its own edits may still be in flight.
      const observed = proposals.map(() => new Set<string>())
      typists.forEach((client, i) => {
        for (const marker of markersIn(readBodyText(client.doc))) {
          if (!marker.startsWith(`[c${i}:`)) observed[i % proposals.length]!.add(marker)
        }
      })
      await server.kill9()
      // The database alone, before any restart, holds all of it.
      for (const [p, proposal] of proposals.entries()) {
        const stored = markersIn(readBodyText((await readStoredDocOf(server!, proposal.id)).doc))
        const missing = [...observed[p]!].filter((marker) => !stored.has(marker))
        expect(missing, `kill ${kill}, proposal ${p}: observed but not stored (seed ${seed})`).toEqual([])
      }
      await server.restart()
      // The clients reconnect by themselves.
      await waitFor(() => clients.every((c) => c.provider.synced), { what: `reconnect after kill ${kill}`, timeoutMs: 60_000 })
    }

    typing = false
    timers.forEach((timer) => clearTimeout(timer))
    for (const [p, proposal] of proposals.entries()) {
      const mine = typists.filter((_, i) => i % proposals.length === p)
      await waitFor(() => new Set(mine.map((c) => readBodyText(c.doc))).size === 1, {
        what: `convergence of proposal ${p}`,
        timeoutMs: 20_000,
      })
      const final = readBodyText(mine[0]!.doc)
      const written = mine.flatMap((c) => [...markersIn(readBodyText(c.doc))])
      expect(markersIn(final).size).toBe(new Set(written).size)
      // Every marker any client typed made it: none is lost, even those typed just before a kill.
      const typed = typists.flatMap((_, i) => (i % proposals.length === p ? Array.from({ length: counters[i]! }, (_, n) => `[c${i}:${n}]`) : []))
      expect(typed.filter((marker) => !markersIn(final).has(marker))).toEqual([])

      const fresh = connectClient(server.wsUrl, proposal.id, { cookie })
      clients.push(fresh)
      await waitFor(() => fresh.provider.synced)
      expect(readBodyText(fresh.doc)).toBe(final)
      await waitFor(async () => readBodyText((await readStoredDocOf(server!, proposal.id)).doc) === final, { what: 'database alone' })
    }
  }, 180_000) // five restarts of a real server process: each takes seconds on a loaded 2-core machine
}
