// Measures the export of a large paper — a Begründung of about 40 pages and 200 positions — per format:
// rendering in this process, and end to end through a real server. Run: npx tsx bench/export.ts
import { buildPaper } from '../server/export/paper'
import { renderDocx } from '../server/export/docx'
import { renderPdf } from '../server/export/pdf'
import { fillLarge, largeProposalDoc } from '../test/export/large-proposal'
import { readPdf } from '../test/export/read-back'
import { apiClient } from '../test/helpers/api'
import { connectSynced, signIn } from '../test/helpers/clients'
import { startServerProcess } from '../test/helpers/server-process'
import { waitFor } from '../test/helpers/wait'
import { titleText } from '../shared/model'
import { contentHash } from '../shared/model/content-hash'
import type { VersionRecord } from '../shared/versions'

/** Two departments, one signed: enough record for the Mitzeichnung section. */
const record: VersionRecord = {
  status: 'cosigning',
  leadDepartmentId: 'sozialamt',
  involved: [{ departmentId: 'akr', sections: [] }, { departmentId: 'wfb', sections: [] }],
  signatures: [
    { departmentId: 'akr', stance: 'acknowledged', remark: '', signerId: 'x', signerName: 'Dr. Ulrike Hahn', signedAt: '2021-07-01T10:00:00Z', sections: [], sectionsHash: '', voided: false, current: true },
  ],
}

const runs = Number(process.env.RUNS ?? 7)
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** Wall time, and this process's CPU time: on a shared machine the CPU time shows the work itself. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; result: T }> {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const result = await work()
  const used = process.cpuUsage(cpu)
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, result }
}

/** `prepare` runs untimed before each run (an edit, so the server cannot answer from its cache). */
async function measure(label: string, work: () => Promise<Uint8Array>, prepare: () => Promise<void> = async () => {}): Promise<Uint8Array> {
  await prepare()
  await work() // warm-up: module loading and JIT are not what a user waits for twice
  const times: number[] = []
  const cpuTimes: number[] = []
  let bytes: Uint8Array = new Uint8Array()
  for (let i = 0; i < runs; i++) {
    await prepare()
    const { ms, cpuMs, result } = await timed(work)
    times.push(ms)
    cpuTimes.push(cpuMs)
    bytes = result
  }
  const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`
  // Over HTTP the work happens in the server process: this process's CPU time says nothing there.
  const cpu = label.startsWith('in process') ? `   cpu median ${ms(median(cpuTimes))}` : ''
  console.log(`${label.padEnd(28)} median ${ms(median(times))}   min ${ms(Math.min(...times))}${cpu}   ${(bytes.byteLength / 1024).toFixed(0)} KiB`)
  return bytes
}

// In process: the renderers alone.
const doc = largeProposalDoc()
const stamp = new Date('2021-07-12T10:00:00Z')
const paperOf = () => buildPaper({ organisationName: 'Landeshauptstadt Stuttgart', doc, record, version: null, draft: true, stamp })
const load = (await import('node:os')).loadavg()[0]!.toFixed(1)
console.log(`export of a large paper, ${runs} runs each after one warm-up (load average ${load})`)
await measure('in process: paper model', async () => (paperOf(), new Uint8Array()))
await measure('in process: DOCX', () => renderDocx(paperOf(), stamp))
const pdf = await measure('in process: PDF', () => renderPdf(paperOf(), stamp))
console.log(`(the PDF has ${(await readPdf(pdf)).length} pages)`)

// End to end: a real server, the content written by a Yjs client, the export over HTTP.
const server = await startServerProcess({ env: { LOG_LEVEL: 'warn' } })
try {
  const cookie = await signIn(server.url, 'sozialamt.lead')
  const created = await apiClient(server.url, cookie).post<{ id: string }>('/proposals', { title: 'Großer Testfall', template: 'pakt-949-2019' })
  const client = await connectSynced(server.wsUrl, created.body.id, cookie)
  const stored = async () => {
    const hash = contentHash(client.doc)
    await waitFor(async () => (await apiClient(server.url, cookie).get<{ contentHash: string }>(`/proposals/${created.body.id}/versions/draft`)).body.contentHash === hash, {
      timeoutMs: 60_000,
      what: 'the server to store the edit',
    })
  }
  fillLarge(client.doc)
  await stored()
  // A one-letter edit of the Betreff before each run: every export is a fresh render, as after real work.
  const edit = async () => {
    titleText(client.doc).insert(titleText(client.doc).length, '.')
    await stored()
  }
  const download = (format: 'docx' | 'pdf' | 'json') => async () => {
    const response = await fetch(`${server.url}/api/proposals/${created.body.id}/versions/draft/export.${format}`, { headers: { cookie } })
    if (!response.ok) throw new Error(`export.${format}: ${response.status}`)
    return new Uint8Array(await response.arrayBuffer())
  }
  for (const format of ['docx', 'pdf', 'json'] as const) await measure(`over HTTP: export.${format}`, download(format), edit)
  // The usual sequence: the OParl JSON (renders both files), then the two downloads from the cache.
  await edit()
  await download('json')()
  await measure('over HTTP: PDF after JSON', download('pdf'))

  // Does live work wait while a PDF renders? The slowest /api/health answer during fresh exports.
  let slowest = 0
  for (let i = 0; i < 3; i++) {
    await edit()
    let rendering = true
    const exported = download('pdf')().finally(() => (rendering = false))
    while (rendering) {
      const started = performance.now()
      await fetch(`${server.url}/api/health`)
      slowest = Math.max(slowest, performance.now() - started)
    }
    await exported
  }
  console.log(`server answers while rendering: slowest /api/health ${slowest.toFixed(0)} ms`)
  client.destroy()
} finally {
  await server.stop()
  doc.destroy()
}
