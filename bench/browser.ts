// `npm run bench:browser`: what a person sees in headless Chromium on loopback — the board route's
// JavaScript (gzip), the time to the first usable board, typing latency with three people on one
// proposal — and the server's resident memory after start. Settings come from BENCH_* variables.
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { launchBrowser, signedInContext } from '../test/helpers/browser'
import { signIn } from '../test/helpers/clients'
import { startServerProcess, type ServerProcess } from '../test/helpers/server-process'
import { median, percentiles, rssBytes, positiveEnv } from './measure'
import { startReference } from './servers'
import { startScriptEnv } from './start-env'
import { typingLatency } from './typing'

const env = positiveEnv
const loads = env('BENCH_LOADS', 7)
const starts = env('BENCH_STARTS', 3)
const tokens = env('BENCH_TOKENS', 30)

setTimeout(() => {
  process.stderr.write('bench:browser: over 10 minutes, giving up\n')
  process.exit(1)
}, 10 * 60_000).unref()

const log = (line: string) => process.stderr.write(`${line}\n`)
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

async function createPakt(server: ServerProcess, cookie: string): Promise<string> {
  const response = await fetch(`${server.url}/api/proposals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: server.url },
    body: JSON.stringify({ number: '949/2019', title: 'Pakt für Integration', template: 'pakt-949-2019' }),
  })
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { id: string }).id
}

type BoardLoad = { readyMs: number; scripts: { url: string; bytes: number; gzipBytes: number; wireBytes: number }[] }

/** One cold load of the board in a fresh context (empty cache): its scripts and the time until it is editable. */
async function loadBoard(browser: Browser, server: ServerProcess, id: string): Promise<BoardLoad> {
  const context = await signedInContext(browser, server.url, 'sozialamt.editor')
  try {
    const page = await context.newPage()
    const pending: Promise<BoardLoad['scripts'][number]>[] = []
    page.on('requestfinished', (request) => {
      if (request.resourceType() !== 'script') return
      pending.push(
        (async () => {
          const body = (await (await request.response())!.body()) as Buffer
          const sizes = await request.sizes()
          return { url: new URL(request.url()).pathname, bytes: body.byteLength, gzipBytes: gzipSync(body, { level: 9 }).byteLength, wireBytes: sizes.responseBodySize }
        })(),
      )
    })
    await page.goto(`/p/${id}`)
    // Usable: every section rendered and synced, and the body editor takes input.
    const readyMs = await page.waitForFunction(
      () => {
        const ready = document.querySelector('[data-testid="board"][data-ready="true"]')
        const editable = document.querySelector('[data-testid="body-editor"][contenteditable="true"]')
        return ready && editable ? performance.now() : 0
      },
      undefined,
      { polling: 'raf', timeout: 30_000 },
    )
    const ms = (await readyMs.jsonValue()) as number
    // Scripts that arrive after the board is usable (prefetched or lazy) still count: the route loaded them.
    await page.waitForLoadState('networkidle')
    return { readyMs: ms, scripts: await Promise.all(pending) }
  } finally {
    await context.close()
  }
}

async function measureBoardLoads(browser: Browser, server: ServerProcess, id: string) {
  await loadBoard(browser, server, id) // warm-up: the server's first open of the room and its JIT
  const runs: BoardLoad[] = []
  for (let i = 0; i < loads; i++) runs.push(await loadBoard(browser, server, id))
  const last = runs[runs.length - 1]!
  const sum = (key: 'bytes' | 'gzipBytes' | 'wireBytes') => last.scripts.reduce((total, s) => total + s[key], 0)
  return {
    readyMs: percentiles(runs.map((r) => r.readyMs)),
    readyMedianMs: median(runs.map((r) => r.readyMs)),
    scripts: last.scripts.sort((a, b) => b.gzipBytes - a.gzipBytes),
    totals: { bytes: sum('bytes'), gzipBytes: sum('gzipBytes'), wireBytes: sum('wireBytes') },
  }
}

/**
 * Resident memory once a fresh server answers /api/health, before any request: ours and the
 * reference (bench/servers.ts), `starts` fresh processes each, alternating.
 */
async function rssAfterStart(): Promise<{ ours: number[]; reference: number[] }> {
  const values = { ours: [] as number[], reference: [] as number[] }
  for (let i = 0; i < starts; i++) {
    const ours = await startServerProcess({ env: { LOG_LEVEL: 'warn', ...startScriptEnv() } })
    try {
      values.ours.push(rssBytes(ours.pid()))
    } finally {
      await ours.stop()
    }
    const reference = await startReference()
    try {
      values.reference.push(rssBytes(reference.pid()))
    } finally {
      await reference.stop()
    }
  }
  return values
}

async function main(): Promise<void> {
  const rss = await rssAfterStart()
  const mb = (values: number[]) => `${(median(values) / 1048576).toFixed(0)} MB`
  log(`rss after start: ours ${mb(rss.ours)}, reference ${mb(rss.reference)} (medians of ${starts}; ratio ${(median(rss.ours) / median(rss.reference)).toFixed(2)})`)
  const server = await startServerProcess({ env: { LOG_LEVEL: 'warn', ...startScriptEnv() } })
  const browser = await launchBrowser()
  try {
    const leadCookie = await signIn(server.url, 'sozialamt.lead')
    const id = await createPakt(server, leadCookie)
    const board = await measureBoardLoads(browser, server, id)
    for (const s of board.scripts) log(`  ${s.url.padEnd(48)} ${kb(s.bytes).padStart(10)} gzip ${kb(s.gzipBytes).padStart(9)} wire ${kb(s.wireBytes).padStart(9)}`)
    log(`board route JS: ${kb(board.totals.bytes)}, gzip ${kb(board.totals.gzipBytes)}, on the wire ${kb(board.totals.wireBytes)}`)
    log(`first usable board: median ${board.readyMedianMs.toFixed(0)} ms (p95 ${board.readyMs.p95.toFixed(0)}, max ${board.readyMs.max.toFixed(0)}) over ${loads} cold loads`)
    const typing = await typingLatency(browser, server, id, leadCookie, tokens).catch((error) => {
      log(`server output:\n${server.output().slice(-6000)}`)
      throw error
    })
    const line = (name: string, p: ReturnType<typeof percentiles>) => `${name}: p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, max ${p.max.toFixed(1)} ms (${p.count} samples)`
    log(line('typing, own keystroke to own screen', typing.own))
    log(line('typing, keystroke to the others\' screens', typing.others))
    console.log(
      JSON.stringify(
        {
          rssAfterStartBytes: { ours: median(rss.ours), reference: median(rss.reference), values: rss },
          boardRoute: { ...board.totals, readyMedianMs: board.readyMedianMs, readyMs: board.readyMs, scripts: board.scripts },
          typing,
        },
        null,
        2,
      ),
    )
  } finally {
    await browser.close()
    await server.stop()
  }
}

await main()
process.exit(0)
