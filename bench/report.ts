// Turns the runs into figures (ours, reference, ratio), prints them as a table, writes the raw
// results as JSON under bench/results/ and the latest summary into docs/PERFORMANCE.md.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ColdOpenResult, HistoryResult } from './cold-open'
import { median, percentiles, type Percentiles, type ServerTimings } from './measure'
import type { ServerName } from './servers'
import type { Profile, TypingResult } from './workload'

const root = path.resolve(import.meta.dirname, '..')

export type ProfileRun = {
  profile: string
  server: ServerName | 'cluster'
  rep: number
  typing: Omit<TypingResult, 'latenciesMs' | 'crossInstance'>
  latency: Percentiles
  /** Several instances: the deliveries to a client on the writer's instance, and to one on another. */
  hop?: { same: Percentiles; cross: Percentiles }
  serverCores: number
  serverCpuSeconds: number
  serverSystemSeconds: number
  peakRssBytes: number
  peakRssSinceReset: boolean
  /** CPU the rest of the machine used during the run (other users' work), in cores. */
  otherCores: number
  /** Our server's own histograms over the run. */
  serverSide?: ServerTimings
}

export type ColdRun = ColdOpenResult & {
  server: ServerName
  rep: number
  storedLog?: { logLength: number; hasSnapshot: boolean }
  /** A second client opening while the first keeps the document in memory. */
  warm: ColdOpenResult
  /** Restarted again, then one small proposal opened before this one: the document cold, the process not. */
  afterWarmUp?: ColdOpenResult
}

/** One progress line per profile run. */
export function runLine(run: ProfileRun): string {
  const { latency: l, typing: t, serverSide: inside } = run
  const perDelivery = (run.serverCpuSeconds * 1e6) / Math.max(1, t.deliveries)
  return (
    `  ${run.profile.padEnd(5)} ${run.server.padEnd(9)} rep ${run.rep + 1}: p50 ${l.p50.toFixed(2)} p99 ${l.p99.toFixed(2)} max ${l.max.toFixed(1)} ms, ` +
    (run.hop
      ? `(same instance p50 ${run.hop.same.p50.toFixed(2)} p99 ${run.hop.same.p99.toFixed(2)}, ` +
        `other instance p50 ${run.hop.cross.p50.toFixed(2)} p99 ${run.hop.cross.p99.toFixed(2)} ms), `
      : '') +
    `${t.deliveries}/${t.expectedDeliveries} delivered, ${t.editsPerSecond.toFixed(0)}/${t.offeredEditsPerSecond} edits/s; ` +
    `server ${run.serverCores.toFixed(2)} cores (${perDelivery.toFixed(1)} µs/delivery, ${((100 * run.serverSystemSeconds) / run.serverCpuSeconds).toFixed(0)}% kernel), ` +
    `driver ${t.driverCores.toFixed(2)} cores (loop p99 ${t.driverLoopDelayP99Ms.toFixed(1)} ms), others ${run.otherCores.toFixed(2)} cores` +
    (inside
      ? `; inside: fan-out p50 ≤ ${inside.fanoutP50AtMostMs} p99 ≤ ${inside.fanoutP99AtMostMs} ms, ${inside.storeBatches} stores ` +
        `(p99 ≤ ${inside.storeP99AtMostMs} ms, ${inside.storesOver5Ms} > 5 ms, ${inside.storesOver25Ms} > 25 ms)`
      : '') +
    (t.converged ? '' : ' NOT CONVERGED') +
    (t.disconnects ? ` ${t.disconnects} disconnects` : '')
  )
}

/** One progress line per cold open. */
export function coldLine(run: ColdRun): string {
  const { storedLog: log, warm } = run
  return (
    `  cold open ${run.server.padEnd(9)} rep ${run.rep + 1}: ${run.syncMs.toFixed(1)} ms (socket open ${run.openMs.toFixed(1)}, ` +
    `first message ${run.firstMessageMs.toFixed(1)}), step 2 ${run.step2Bytes} B, state ${run.stateBytes} B` +
    (log ? `, read ${log.hasSnapshot ? 'a snapshot + ' : ''}${log.logLength} logged updates` : '') +
    `; then warm ${warm.syncMs.toFixed(1)} ms (first message ${warm.firstMessageMs.toFixed(1)})` +
    (run.afterWarmUp
      ? `; restarted, after a small open ${run.afterWarmUp.syncMs.toFixed(1)} ms (first message ${run.afterWarmUp.firstMessageMs.toFixed(1)})`
      : '')
  )
}

export type Row = { section: string; figure: string; ours: number | string; reference: number | string; ratio?: number }

export type Machine = { cpu: string; cores: number; node: string; date: string; loadAverageAtStart: number[] }

export function machine(): Machine {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8')
  const cpu = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown'
  return { cpu, cores: os.cpus().length, node: process.version, date: new Date().toISOString(), loadAverageAtStart: os.loadavg() }
}

/** A run counts as quiet when the rest of the machine used less CPU than this. */
const quietBelowCores = 0.5

const ratio = (ours: number, reference: number) => (reference > 0 ? ours / reference : NaN)

/** The figures of every profile and of the cold open, ours beside the reference. */
export function figures(
  idleRss: Record<ServerName, number>,
  profiles: Profile[],
  runs: ProfileRun[],
  latencies: Map<string, Float64Array[]>,
  cold: ColdRun[],
  history: Partial<Record<ServerName, HistoryResult>>,
): Row[] {
  const rows: Row[] = []
  const both = (section: string, figure: string, pick: (server: ServerName) => number, digits = 1) => {
    const ours = pick('ours')
    const reference = pick('reference')
    rows.push({ section, figure, ours: round(ours, digits), reference: round(reference, digits), ratio: ratio(ours, reference) })
  }
  both('idle', 'RSS after start MB', (x) => idleRss[x] / 1048576, 1)
  for (const profile of profiles) {
    const of = (server: ServerName) => runs.filter((r) => r.profile === profile.name && r.server === server)
    const pooled = (server: ServerName) => {
      const parts = latencies.get(`${profile.name}/${server}`) ?? []
      const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0))
      let offset = 0
      for (const part of parts) all.set(part, (offset += part.length) - part.length)
      return percentiles(all)
    }
    const lat = { ours: pooled('ours'), reference: pooled('reference') }
    const s = `${profile.name} (${profile.rooms}×${profile.clientsPerRoom} clients)`
    both(s, 'fan-out p50 ms', (x) => lat[x].p50, 2)
    both(s, 'fan-out p95 ms', (x) => lat[x].p95, 2)
    both(s, 'fan-out p99 ms', (x) => lat[x].p99, 2)
    both(s, 'fan-out max ms', (x) => lat[x].max, 1)
    both(s, 'fan-out p99 ms, median of the repetitions', (x) => median(of(x).map((r) => r.latency.p99)), 2)
    // On a shared machine, the runs during which other work used little CPU are the telling ones.
    const quiet = (x: ServerName) => of(x).filter((r) => r.otherCores < quietBelowCores)
    const quietP99 = (x: ServerName) => median(quiet(x).map((r) => r.latency.p99))
    const quietCell = (x: ServerName) => (quiet(x).length ? `${round(quietP99(x), 2)} (${quiet(x).length} of ${of(x).length})` : '–')
    rows.push({
      section: s,
      figure: `fan-out p99 ms, median of quiet runs (others < ${quietBelowCores} cores)`,
      ours: quietCell('ours'),
      reference: quietCell('reference'),
      ratio: ratio(quietP99('ours'), quietP99('reference')),
    })
    both(s, 'edits/s (updates in)', (x) => median(of(x).map((r) => r.typing.editsPerSecond)), 0)
    both(s, 'deliveries/s (updates out)', (x) => median(of(x).map((r) => r.typing.deliveriesPerSecond)), 0)
    both(s, 'server CPU, cores (median)', (x) => median(of(x).map((r) => r.serverCores)), 3)
    both(s, 'server CPU µs per delivery', (x) => median(of(x).map((r) => (r.serverCpuSeconds * 1e6) / Math.max(1, r.typing.deliveries))), 1)
    both(s, 'server peak RSS MB (max)', (x) => Math.max(...of(x).map((r) => r.peakRssBytes)) / 1048576, 1)
    const converged = (x: ServerName) => `${of(x).filter((r) => r.typing.converged && r.typing.disconnects === 0).length}/${of(x).length}`
    rows.push({ section: s, figure: 'converged, no disconnects', ours: converged('ours'), reference: converged('reference') })
    const driver = (x: ServerName) =>
      `${round(Math.max(...of(x).map((r) => r.typing.driverCores)), 2)} / ${round(Math.max(...of(x).map((r) => r.typing.driverLoopDelayP99Ms)), 1)}`
    rows.push({ section: s, figure: 'driver CPU cores / loop delay p99 ms (max)', ours: driver('ours'), reference: driver('reference') })
    const others = (x: ServerName) => round(median(of(x).map((r) => r.otherCores)), 2)
    rows.push({ section: s, figure: 'other processes on the machine, cores (median)', ours: others('ours'), reference: others('reference') })
  }
  if (cold.length > 0) {
    const of = (server: ServerName) => cold.filter((r) => r.server === server)
    const updates = history.ours?.updates ?? history.reference?.updates ?? 0
    const s = `cold open (${updates} updates of history)`
    both(s, 'time to synced ms (median)', (x) => median(of(x).map((r) => r.syncMs)), 1)
    both(s, 'time to synced ms (max)', (x) => Math.max(...of(x).map((r) => r.syncMs)), 1)
    both(s, '… of which until the first server message', (x) => median(of(x).map((r) => r.firstMessageMs)), 1)
    both(s, 'warm open (in memory) ms (median)', (x) => median(of(x).map((r) => r.warm.syncMs)), 1)
    const afterWarmUp = (x: ServerName) => of(x).flatMap((r) => (r.afterWarmUp ? [r.afterWarmUp] : []))
    both(s, 'restarted, a small proposal opened first: time to synced ms (median)', (x) => median(afterWarmUp(x).map((r) => r.syncMs)), 1)
    both(s, '… of which until the first server message', (x) => median(afterWarmUp(x).map((r) => r.firstMessageMs)), 1)
    both(s, 'sync step 2 bytes', (x) => median(of(x).map((r) => r.step2Bytes)), 0)
    both(s, 'compacted state bytes', (x) => median(of(x).map((r) => r.stateBytes)), 0)
    both(s, 'step 2 / state', (x) => median(of(x).map((r) => r.step2Bytes / r.stateBytes)), 3)
    both(s, 'building the history, s', (x) => history[x]?.buildSeconds ?? NaN, 1)
  }
  return rows
}

function round(value: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

const cell = (value: number | string | undefined) => (value === undefined ? '' : typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '–') : value)
const ratioCell = (value: number | undefined) => (value === undefined ? '' : Number.isFinite(value) ? value.toFixed(2) : '–')

export function textTable(rows: Row[]): string {
  const lines: string[][] = [['', 'figure', 'ours', 'reference', 'ours/ref']]
  let section = ''
  for (const row of rows) {
    lines.push([row.section === section ? '' : row.section, row.figure, cell(row.ours), cell(row.reference), ratioCell(row.ratio)])
    section = row.section
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)))
  return lines.map((l) => l.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')).join('\n')
}

export function markdownTable(rows: Row[]): string {
  const out = ['| profile | figure | ours | reference | ours / ref |', '| --- | --- | ---: | ---: | ---: |']
  let section = ''
  for (const row of rows) {
    out.push(`| ${row.section === section ? '' : row.section} | ${row.figure} | ${cell(row.ours)} | ${cell(row.reference)} | ${ratioCell(row.ratio)} |`)
    section = row.section
  }
  return out.join('\n')
}

/** Writes the raw results; returns the file's path relative to the project. */
export function writeJson(data: unknown, date: string): string {
  const dir = path.join(root, 'bench/results')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `bench-${date.replace(/[:.]/g, '-')}.json`)
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n')
  return path.relative(root, file)
}

const startMark = '<!-- bench:latest:start -->'
const endMark = '<!-- bench:latest:end -->'

/** Replaces the "latest run" block of docs/PERFORMANCE.md; the hand-written text around it stays. */
export function writeSummary(rows: Row[], m: Machine, settings: string, jsonFile: string): void {
  const file = path.join(root, 'docs/PERFORMANCE.md')
  const block = [
    startMark,
    `Latest run: ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu}, ${m.cores} cores, Node ${m.node}`,
    `(load average at start ${m.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')}). ${settings}`,
    `Raw results: \`${jsonFile}\` (not committed).`,
    '',
    markdownTable(rows),
    endMark,
  ].join('\n')
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# Performance\n\n${startMark}\n${endMark}\n`
  const start = current.indexOf(startMark)
  const end = current.indexOf(endMark)
  const next = start >= 0 && end > start ? current.slice(0, start) + block + current.slice(end + endMark.length) : `${current.trimEnd()}\n\n${block}\n`
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, next)
}
