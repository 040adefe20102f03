// One run of a typing profile against a group of server processes (one server, or the instances of
// a cluster): latencies as the clients saw them, CPU and memory summed over the group's processes.
import { cpuWindow, machineBusySeconds, peakRssBytes, percentiles, resetPeakRss, serverTimings, type Percentiles } from './measure'
import { runLine, type ProfileRun } from './report'
import type { Histogram, Target } from './servers'
import { runTyping, type Profile } from './workload'

export type GroupName = 'ours' | 'reference' | 'cluster'

/** What one column of the comparison measures: a single server, or several instances of one. */
export type Group = { name: GroupName; targets: Target[] }

/** Every latency of a profile/group over the repetitions; with several instances also split by hop. */
export type LatencyPool = Map<string, Float64Array[]>

const pool = (latencies: LatencyPool, key: string, samples: Float64Array) => latencies.set(key, [...(latencies.get(key) ?? []), samples.slice()])

/** Sums the histograms of several instances (same metric, same bounds). */
async function summedHistograms(targets: Target[]): Promise<Record<string, Histogram> | undefined> {
  if (!targets.every((t) => t.histograms)) return undefined
  const all = await Promise.all(targets.map((t) => t.histograms!()))
  const sum: Record<string, Histogram> = {}
  for (const one of all) {
    for (const [name, h] of Object.entries(one)) {
      const into = (sum[name] ??= { bounds: h.bounds, counts: h.counts.map(() => 0) })
      h.counts.forEach((c, i) => (into.counts[i]! += c))
    }
  }
  return sum
}

export async function measureProfile(group: Group, profile: Profile, rep: number, latencies: LatencyPool, log: (line: string) => void): Promise<ProfileRun> {
  const pids = group.targets.map((t) => t.pid())
  const peakRssSinceReset = pids.map(resetPeakRss).every(Boolean)
  const histogramsBefore = await summedHistograms(group.targets)
  let windows: ReturnType<typeof cpuWindow>[] = []
  let cpu = { cpuSeconds: 0, systemSeconds: 0, wallSeconds: 0, cores: 0 }
  let machineBusy = 0
  const { latenciesMs, crossInstance, ...typing } = await runTyping(group.targets, profile, {
    begin: () => {
      windows = pids.map(cpuWindow)
      machineBusy = machineBusySeconds()
    },
    end: () => {
      for (const window of windows) {
        const one = window.stop()
        cpu = {
          cpuSeconds: cpu.cpuSeconds + one.cpuSeconds,
          systemSeconds: cpu.systemSeconds + one.systemSeconds,
          wallSeconds: one.wallSeconds,
          cores: cpu.cores + one.cores,
        }
      }
      machineBusy = machineBusySeconds() - machineBusy
    },
  })
  // What the rest of the machine (other users' work) used meanwhile: neither these servers nor the driver.
  const otherCores = (machineBusy - cpu.cpuSeconds) / cpu.wallSeconds - typing.driverCores
  const key = `${profile.name}/${group.name}`
  pool(latencies, key, latenciesMs)
  let hop: ProfileRun['hop']
  if (group.targets.length > 1) {
    const same = latenciesMs.filter((_, i) => crossInstance[i] === 0)
    const cross = latenciesMs.filter((_, i) => crossInstance[i] === 1)
    pool(latencies, `${key}/same`, same)
    pool(latencies, `${key}/cross`, cross)
    hop = { same: percentiles(same), cross: percentiles(cross) }
  }
  const histogramsAfter = await summedHistograms(group.targets)
  const run: ProfileRun = {
    profile: profile.name,
    server: group.name,
    rep,
    typing,
    latency: percentiles(latenciesMs),
    hop,
    serverCores: cpu.cores,
    serverCpuSeconds: cpu.cpuSeconds,
    serverSystemSeconds: cpu.systemSeconds,
    peakRssBytes: pids.reduce((sum, pid) => sum + peakRssBytes(pid), 0),
    peakRssSinceReset,
    otherCores,
    serverSide: histogramsAfter && serverTimings(histogramsBefore, histogramsAfter),
  }
  log(runLine(run))
  return run
}

/** All samples of one pool key, concatenated. */
export function pooled(latencies: LatencyPool, key: string): Percentiles {
  const parts = latencies.get(key) ?? []
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) all.set(part, (offset += part.length) - part.length)
  return percentiles(all)
}
