// Measures the cold open of a proposal with 20 000 updates of history: a restarted server, a fresh
// client, time until it is synced. Run: npx tsx bench/cold-open.ts
import { notesText } from '../shared/proposal-doc'
import { connectSynced, createProposal, signIn } from '../test/helpers/clients'
import { startServerProcess } from '../test/helpers/server-process'
import { waitFor } from '../test/helpers/wait'

const updates = Number(process.env.UPDATES ?? 20_000)
const server = await startServerProcess({ env: { LOG_LEVEL: 'warn', MESSAGES_PER_SECOND: '1000000', MESSAGE_BURST: '1000000' } })
const cookie = await signIn(server.url, 'sozialamt.editor')
const proposal = await createProposal(server.url, cookie, 'Cold open')
const writer = await connectSynced(server.wsUrl, proposal.id, cookie)
const text = notesText(writer.doc)
for (let i = 0; i < updates; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)))
const observer = await connectSynced(server.wsUrl, proposal.id, cookie)
await waitFor(() => notesText(observer.doc).length === updates, { timeoutMs: 120_000 })
writer.destroy()
observer.destroy()
// SIGKILL: no compaction at shutdown, the history stays as the running server left it.
await server.kill9()
await server.restart()
const started = performance.now()
const fresh = await connectSynced(server.wsUrl, proposal.id, cookie)
const ms = performance.now() - started
console.log(`cold open after ${updates} updates: ${ms.toFixed(1)} ms until synced (${notesText(fresh.doc).length} chars)`)
fresh.destroy()
await server.stop()
