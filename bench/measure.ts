// What the benchmark measures about a process (CPU time, peak RSS from /proc) and how it
// summarises samples (percentiles).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** User and system CPU seconds the process has used so far (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuSeconds(pid: number): { user: number; system: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may contain spaces; the fields after it are space-separated.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) fields[12].
  return { user: Number(fields[11]) / clockTicks, system: Number(fields[12]) / clockTicks }
}

function statusKb(pid: number, key: 'VmHWM' | 'VmRSS'): number {
  const match = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))
  return match ? Number(match[1]) : 0
}

/** Resident memory in bytes now. */
export const rssBytes = (pid: number) => statusKb(pid, 'VmRSS') * 1024

/** Resets the kernel's peak-RSS mark (VmHWM) of the process; false if the kernel refused. */
export function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

/** Peak resident memory in bytes since the process started or since the last resetPeakRss. */
export const peakRssBytes = (pid: number) => statusKb(pid, 'VmHWM') * 1024

/** CPU used by a process over a window: start() then stop(). */
export function cpuWindow(pid: number) {
  const cpu0 = cpuSeconds(pid)
  const t0 = performance.now()
  return {
    stop(): { cpuSeconds: number; systemSeconds: number; wallSeconds: number; cores: number } {
      const cpu1 = cpuSeconds(pid)
      const system = cpu1.system - cpu0.system
      const cpu = cpu1.user - cpu0.user + system
      const wall = (performance.now() - t0) / 1000
      return { cpuSeconds: cpu, systemSeconds: system, wallSeconds: wall, cores: wall > 0 ? cpu / wall : 0 }
    },
  }
}

/** The CPU seconds of this process (the driver) over a window, from process.cpuUsage. */
export function ownCpuWindow() {
  const start = process.cpuUsage()
  const t0 = performance.now()
  return {
    stop(): { cpuSeconds: number; cores: number } {
      const used = process.cpuUsage(start)
      const cpu = (used.user + used.system) / 1e6
      const wall = (performance.now() - t0) / 1000
      return { cpuSeconds: cpu, cores: wall > 0 ? cpu / wall : 0 }
    },
  }
}

export type Percentiles = { count: number; p50: number; p95: number; p99: number; max: number; mean: number }

/** Nearest-rank percentiles of the samples (sorted in place). */
export function percentiles(samples: Float64Array | number[]): Percentiles {
  const sorted = Float64Array.from(samples).sort()
  const n = sorted.length
  if (n === 0) return { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN }
  const at = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!
  let sum = 0
  for (let i = 0; i < n; i++) sum += sorted[i]!
  return { count: n, p50: at(50), p95: at(95), p99: at(99), max: sorted[n - 1]!, mean: sum / n }
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const n = sorted.length
  if (n === 0) return NaN
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2
}

/**
 * The upper bound (ms) of the histogram bucket holding quantile q of the observations made between
 * two cumulative snapshots: a Prometheus histogram only says "at most this".
 */
export function bucketQuantileMs(
  before: { counts: number[] } | undefined,
  after: { bounds: number[]; counts: number[] } | undefined,
  q: number,
): number {
  if (!after) return NaN
  const counts = after.counts.map((c, i) => c - (before?.counts[i] ?? 0))
  const total = counts.at(-1) ?? 0
  if (total === 0) return NaN
  const index = counts.findIndex((c) => c >= q * total)
  return after.bounds[index]! * 1000
}

/** How many observations a cumulative histogram gained between two snapshots. */
export const bucketCount = (before: { counts: number[] } | undefined, after: { counts: number[] } | undefined) =>
  (after?.counts.at(-1) ?? 0) - (before?.counts.at(-1) ?? 0)

/** How many observations between two snapshots took longer than `ms` (a bucket bound). */
export function bucketOver(before: { counts: number[] } | undefined, after: { bounds: number[]; counts: number[] } | undefined, ms: number): number {
  if (!after) return NaN
  const index = after.bounds.findIndex((b) => b * 1000 >= ms)
  const total = bucketCount(before, after)
  const within = after.counts[index]! - (before?.counts[index] ?? 0)
  return total - within
}

/** CPU seconds all processes of the machine have used so far (every busy field of /proc/stat's cpu line). */
export function machineBusySeconds(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!
  // cpu user nice system idle iowait irq softirq steal …
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
  return (user! + nice! + system! + irq! + softirq! + steal!) / clockTicks
}

type Cumulative = { bounds: number[]; counts: number[] }

/** Our server's own timings over a run, from its Prometheus histograms before and after it. */
export function serverTimings(before: Record<string, Cumulative> | undefined, after: Record<string, Cumulative>) {
  const pair = (name: string) => [before?.[name], after[name]] as const
  const [fanoutBefore, fanoutAfter] = pair('mz_fanout_seconds')
  const [storeBefore, storeAfter] = pair('mz_store_seconds')
  return {
    /** Receive → stored and handed to every other socket (bucket upper bounds, ms). */
    fanoutP50AtMostMs: bucketQuantileMs(fanoutBefore, fanoutAfter, 0.5),
    fanoutP99AtMostMs: bucketQuantileMs(fanoutBefore, fanoutAfter, 0.99),
    storeP50AtMostMs: bucketQuantileMs(storeBefore, storeAfter, 0.5),
    storeP99AtMostMs: bucketQuantileMs(storeBefore, storeAfter, 0.99),
    storeBatches: bucketCount(storeBefore, storeAfter),
    storesOver5Ms: bucketOver(storeBefore, storeAfter, 5),
    storesOver25Ms: bucketOver(storeBefore, storeAfter, 25),
  }
}

export type ServerTimings = ReturnType<typeof serverTimings>

/** A small seeded PRNG (mulberry32): the same history on every run and for both servers. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A BENCH_* setting: a positive number, or the default. */
export function positiveEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`)
  return value
}
