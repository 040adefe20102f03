import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBodyText } from '../../shared/model'
import { bodyText, connectSynced, createProposal, signIn, type Client } from '../helpers/clients'
import { readStoredDocOf } from '../helpers/database'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'
import { waitFor } from '../helpers/wait'
import type { Backend } from '../helpers/services'

export function durabilitySuite(backend: Backend): void {
  let server: ServerProcess | undefined
  let cookie = ''
  const clients: Client[] = []
  const connect = async (id: string) => {
    const client = await connectSynced(server!.wsUrl, id, cookie)
    clients.push(client)
    return client
  }
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server?.stop()
    server = undefined
  })

  it('after a clean stop and start on the same data directory a fresh client sees every edit', async () => {
    server = await startServerProcess({ backend })
    cookie = await signIn(server.url, 'sozialamt.editor')
    const proposal = await createProposal(server.url, cookie)
    const a = await connect(proposal.id)
    for (let i = 0; i < 20; i++) bodyText(a.doc).insert(bodyText(a.doc).length, `Zeile ${i}\n`)
    const expected = readBodyText(a.doc)
    const b = await connect(proposal.id)
    await waitFor(() => readBodyText(b.doc) === expected, { what: 'b sees the edits' })
    await server.stop()
    await server.restart()
    const fresh = await connect(proposal.id)
    expect(readBodyText(fresh.doc)).toBe(expected)
  })

  it('kill -9 as soon as a second client has seen the edits loses none of them, at 5 kill points', async () => {
    // A small compaction threshold puts some kills right around a compaction.
    server = await startServerProcess({ backend, env: { COMPACT_AFTER_UPDATES: '25' } })
    cookie = await signIn(server.url, 'sozialamt.editor')
    const proposal = await createProposal(server.url, cookie)
    const editsPerRound = [1, 7, 24, 60, 250]
    let expected = ''
    for (const [round, edits] of editsPerRound.entries()) {
      const writer = await connect(proposal.id)
      const observer = await connect(proposal.id)
      expect(readBodyText(writer.doc)).toBe(expected)
      for (let i = 0; i < edits; i++) bodyText(writer.doc).insert(bodyText(writer.doc).length, `${round}.${i} `)
      expected = readBodyText(writer.doc)
      await waitFor(() => readBodyText(observer.doc) === expected, { what: `observer in round ${round}` })
      await server.kill9()
      writer.destroy()
      observer.destroy()

      // The database alone holds every edit…
      const stored = (await readStoredDocOf(server, proposal.id))
      expect(readBodyText(stored.doc)).toBe(expected)
      // …and so does a fresh client of the restarted server.
      await server.restart()
      const fresh = await connect(proposal.id)
      expect(readBodyText(fresh.doc)).toBe(expected)
      fresh.destroy()
    }
  })

  it('compacts the update log: 5 000 updates restore to the same document without replaying the history', async () => {
    // One client sends 5 000 updates at once: far above the rate a person types, so the limit is lifted.
    server = await startServerProcess({ backend, env: { COMPACT_AFTER_UPDATES: '500', MESSAGES_PER_SECOND: '100000', MESSAGE_BURST: '100000' } })
    cookie = await signIn(server.url, 'sozialamt.editor')
    const proposal = await createProposal(server.url, cookie)
    const writer = await connect(proposal.id)
    const observer = await connect(proposal.id)
    const text = bodyText(writer.doc)
    for (let i = 0; i < 5_000; i++) {
      // Inserts and some deletions, so that the snapshot has garbage to collect.
      if (i % 10 === 9) text.delete(text.length - 3, 2)
      else text.insert(text.length, String.fromCharCode(97 + (i % 26)))
    }
    await waitFor(() => readBodyText(observer.doc) === readBodyText(writer.doc), { timeoutMs: 30_000, what: 'observer' })

    // Compaction runs beside the stores, in a worker thread: it may finish after the last broadcast.
    const running = server
    await waitFor(
      async () => {
        const stored = await readStoredDocOf(running, proposal.id)
        return stored.hasSnapshot && stored.logLength < 500
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'a snapshot and a short log' },
    )

    await server.stop()
    // A clean stop compacts what is left.
    expect((await readStoredDocOf(server, proposal.id)).logLength).toBe(0)
    await server.restart()
    const fresh = await connect(proposal.id)

    const original = new Y.Doc()
    Y.applyUpdate(original, Y.encodeStateAsUpdate(writer.doc))
    const restored = new Y.Doc()
    Y.applyUpdate(restored, Y.encodeStateAsUpdate(fresh.doc))
    expect(Y.encodeStateVector(restored)).toEqual(Y.encodeStateVector(original))
    expect(readBodyText(restored)).toBe(readBodyText(original))
    expect(readBodyText(restored).length).toBeGreaterThan(3_000)
  })
}
