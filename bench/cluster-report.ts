// The "cluster" comparison: two instances beside one instance and the reference on one workload,
// the cross-instance hop inside that workload and alone, as a text table and a docs/PERFORMANCE.md block.
import fs from 'node:fs'
import path from 'node:path'
import type { HopRun } from './cluster-hop'
import { median } from './measure'
import { pooled, type GroupName, type LatencyPool } from './measure-profile'
import type { Machine, ProfileRun } from './report'
import type { Profile } from './workload'

const root = path.resolve(import.meta.dirname, '..')

export type ClusterRow = { figure: string; cluster: number | string; ours?: number | string; reference?: number | string }

const round = (value: number, digits = 2) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : NaN)

export function clusterFigures(profile: Profile, runs: ProfileRun[], latencies: LatencyPool, hops: HopRun[]): ClusterRow[] {
  const of = (x: GroupName) => runs.filter((r) => r.profile === profile.name && r.server === x)
  const lat = (x: GroupName) => pooled(latencies, `${profile.name}/${x}`)
  const rows: ClusterRow[] = []
  const three = (figure: string, pick: (x: GroupName) => number, digits = 2) =>
    rows.push({ figure, cluster: round(pick('cluster'), digits), ours: round(pick('ours'), digits), reference: round(pick('reference'), digits) })
  three('fan-out p50 ms (all deliveries)', (x) => lat(x).p50)
  three('fan-out p99 ms (all deliveries)', (x) => lat(x).p99)
  three('fan-out p99 ms, median of the repetitions', (x) => median(of(x).map((r) => r.latency.p99)))
  three('server CPU µs per delivery (median; two instances: summed)', (x) => median(of(x).map((r) => (r.serverCpuSeconds * 1e6) / Math.max(1, r.typing.deliveries))), 1)
  three('server CPU, cores (median)', (x) => median(of(x).map((r) => r.serverCores)), 3)
  three('deliveries/s (median)', (x) => median(of(x).map((r) => r.typing.deliveriesPerSecond)), 0)
  three('server peak RSS MB (max; two instances: summed)', (x) => Math.max(...of(x).map((r) => r.peakRssBytes)) / 1048576, 1)
  three('other processes on the machine, cores (median)', (x) => median(of(x).map((r) => r.otherCores)))
  // Our servers' own store timings (SQLite commit incl. waiting for the other instance's lock), from their histograms.
  const stores = (x: GroupName) => of(x).map((r) => r.serverSide).filter((t) => t !== undefined)
  rows.push({ figure: 'store p99 ms, at most (server histogram, median)', cluster: median(stores('cluster').map((t) => t.storeP99AtMostMs)), ours: median(stores('ours').map((t) => t.storeP99AtMostMs)) })
  rows.push({ figure: 'stores over 25 ms per run (median)', cluster: median(stores('cluster').map((t) => t.storesOver25Ms)), ours: median(stores('ours').map((t) => t.storesOver25Ms)) })
  const converged = (x: GroupName) => `${of(x).filter((r) => r.typing.converged && r.typing.disconnects === 0).length}/${of(x).length}`
  rows.push({ figure: 'converged, no disconnects', cluster: converged('cluster'), ours: converged('ours'), reference: converged('reference') })

  const same = pooled(latencies, `${profile.name}/cluster/same`)
  const cross = pooled(latencies, `${profile.name}/cluster/cross`)
  rows.push({ figure: `two instances: to a client on the writer's instance, p50 / p99 ms (${same.count} deliveries)`, cluster: `${round(same.p50)} / ${round(same.p99)}` })
  rows.push({ figure: `two instances: to a client on the other instance, p50 / p99 ms (${cross.count} deliveries)`, cluster: `${round(cross.p50)} / ${round(cross.p99)}` })
  rows.push({ figure: 'cross-instance hop in the workload, p50 / p99 ms (other − same, all deliveries)', cluster: `${round(cross.p50 - same.p50)} / ${round(cross.p99 - same.p99)}` })
  const hopRuns = of('cluster').flatMap((r) => (r.hop ? [r.hop] : []))
  const perRep = (pick: (h: { same: { p50: number; p99: number }; cross: { p50: number; p99: number } }) => number) => round(median(hopRuns.map(pick)))
  rows.push({
    figure: '… median of the per-repetition differences, p50 / p99 ms',
    cluster: `${perRep((h) => h.cross.p50 - h.same.p50)} / ${perRep((h) => h.cross.p99 - h.same.p99)}`,
  })
  if (hops.length) {
    const m = (pick: (h: HopRun) => number) => round(median(hops.map(pick)))
    rows.push({ figure: `hop alone (${hops[0]!.edits} edits × ${hops.length}): reader on A, p50 / p99 ms (median)`, cluster: `${m((h) => h.sameInstance.p50)} / ${m((h) => h.sameInstance.p99)}` })
    rows.push({ figure: 'hop alone: reader on B, p50 / p99 ms (median)', cluster: `${m((h) => h.otherInstance.p50)} / ${m((h) => h.otherInstance.p99)}` })
    rows.push({
      figure: 'hop alone: B − A, p50 / p99 ms (median of the differences)',
      cluster: `${m((h) => h.otherInstance.p50 - h.sameInstance.p50)} / ${m((h) => h.otherInstance.p99 - h.sameInstance.p99)}`,
    })
  }
  return rows
}

const cell = (value: number | string | undefined) => (value === undefined ? '' : typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '–') : value)
const ratio = (a: number | string | undefined, b: number | string | undefined) =>
  typeof a === 'number' && typeof b === 'number' && b > 0 && Number.isFinite(a) ? (a / b).toFixed(2) : ''

const columns = (row: ClusterRow) => [row.figure, cell(row.cluster), cell(row.ours), cell(row.reference), ratio(row.cluster, row.ours), ratio(row.cluster, row.reference)]
const header = ['figure', 'two instances', 'one instance', 'reference', 'two / one', 'two / ref']

export function clusterTextTable(rows: ClusterRow[]): string {
  const lines = [header, ...rows.map(columns)]
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)))
  return lines.map((l) => l.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')).join('\n')
}

export function clusterMarkdownTable(rows: ClusterRow[]): string {
  return [`| ${header.join(' | ')} |`, '| --- | ---: | ---: | ---: | ---: | ---: |', ...rows.map((r) => `| ${columns(r).join(' | ')} |`)].join('\n')
}

const startMark = '<!-- bench:cluster:start -->'
const endMark = '<!-- bench:cluster:end -->'

/** Replaces the cluster block of docs/PERFORMANCE.md (only when the file has one). */
export function writeClusterSummary(rows: ClusterRow[], m: Machine, settings: string, jsonFile: string): boolean {
  const file = path.join(root, 'docs/PERFORMANCE.md')
  const current = fs.readFileSync(file, 'utf8')
  const start = current.indexOf(startMark)
  const end = current.indexOf(endMark)
  if (start < 0 || end < start) return false
  const block = [
    startMark,
    `Latest run: ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu}, ${m.cores} cores, Node ${m.node}`,
    `(load average at start ${m.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')}). ${settings}`,
    `Raw results: \`${jsonFile}\` (not committed).`,
    '',
    clusterMarkdownTable(rows),
    endMark,
  ].join('\n')
  fs.writeFileSync(file, current.slice(0, start) + block + current.slice(end + endMark.length))
  return true
}
