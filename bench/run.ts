// `npm run bench`: drives our server and the reference with the same workloads, alternating
// between them, and reports every figure as ours / reference. Settings come from BENCH_* variables.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { buildHistory, openAfterWarmUp, openColdThenWarm, type HistoryResult } from './cold-open'
import { planCluster, startCluster, type Cluster } from './cluster'
import { hopLine, measureHop, type HopRun } from './cluster-hop'
import { clusterFigures, clusterTextTable, writeClusterSummary } from './cluster-report'
import { rssBytes, positiveEnv } from './measure'
import { measureProfile, type Group, type LatencyPool } from './measure-profile'
import { coldLine, figures, machine, textTable, writeJson, writeSummary, type ColdRun, type ProfileRun } from './report'
import { oursProjectDir, startOurs, startReference, type ServerName, type Target } from './servers'
import type { Profile } from './workload'

const env = positiveEnv
const reps = env('BENCH_REPS', 3)
const seconds = env('BENCH_SECONDS', 8)
const rate = env('BENCH_RATE', 5)
const historyUpdates = env('BENCH_HISTORY', 20_000)
const onlyProfiles = process.env.BENCH_PROFILES?.split(',')
const skipColdOpen = process.env.BENCH_COLD === '0'
const skipStall = process.env.BENCH_STALL === '0'
const skipCapacity = process.env.BENCH_CAPACITY === '0'
/** BENCH_CPU_PROF=ours|reference|both: the server writes .cpuprofile files into bench/results/profiles/<name>/ on exit. */
const cpuProf = process.env.BENCH_CPU_PROF ?? ''

const allProfiles: Profile[] = [
  { name: 'small', rooms: 4, clientsPerRoom: 5, insertsPerSecond: rate, seconds },
  { name: 'wide', rooms: 10, clientsPerRoom: 20, insertsPerSecond: rate, seconds },
  { name: 'hot', rooms: 1, clientsPerRoom: 50, insertsPerSecond: rate, seconds },
]
const profiles = allProfiles.filter((p) => !onlyProfiles || onlyProfiles.includes(p.name))
/** Two instances on one database + Redis beside one instance and the reference, on the small profile's workload. */
const clusterProfile: Profile = { ...allProfiles[0]!, name: 'cluster' }
const runCluster = !onlyProfiles || onlyProfiles.includes('cluster')
const hopEdits = env('BENCH_HOP_EDITS', 200)
const hopRate = env('BENCH_HOP_RATE', 20)

// Bounded: a run that hangs is stopped (the exit handler kills the servers).
setTimeout(() => {
  process.stderr.write("bench: over 30 minutes, giving up\n")
  process.exit(1)
}, 30 * 60_000).unref()
process.on('unhandledRejection', (error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})

// Every y-websocket provider adds a process 'exit' listener; hundreds of clients are intended.
process.setMaxListeners(1000)
const log = (line: string) => process.stderr.write(`${line}\n`)
const profDir = path.resolve(import.meta.dirname, 'results/profiles')
const nodeArgsFor = (name: ServerName) =>
  cpuProf === name || cpuProf === 'both' ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profDir, name)}`] : []

/** Alternates which server goes first, so neither always runs on a warmer or quieter machine. */
const order = (targets: Record<ServerName, Target>, rep: number): Target[] =>
  rep % 2 === 0 ? [targets.ours, targets.reference] : [targets.ours, targets.reference].reverse()

/** The groups of one comparison, rotated by repetition so each goes first as often as the others. */
const rotate = (groups: Group[], rep: number): Group[] => groups.map((_, i) => groups[(i + rep) % groups.length]!)

/** Builds the history once per server, then opens it cold (ours restarted with SIGKILL) `reps` times. */
async function measureColdOpen(
  targets: Record<ServerName, Target>,
  cold: ColdRun[],
  history: Partial<Record<ServerName, HistoryResult>>,
): Promise<void> {
  log(`cold open: building ${historyUpdates} updates of history on each server`)
  const rooms = new Map<ServerName, string>()
  const warmUpRooms = new Map<ServerName, string>()
  for (const target of order(targets, 0)) {
    const room = await target.newRoom('cold open')
    rooms.set(target.name, room)
    warmUpRooms.set(target.name, await target.newRoom('warm-up'))
    history[target.name] = await buildHistory(target, room, historyUpdates)
    // A document that has rested is one snapshot on disk: wait (bounded) until compaction has folded the history.
    for (let i = 0; i < 600 && (target.storedLog?.(room).logLength ?? 0) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100))
    log(`  ${target.name}: built in ${history[target.name]!.buildSeconds.toFixed(1)} s`)
  }
  for (let rep = 0; rep < reps; rep++) {
    for (const target of order(targets, rep)) {
      const room = rooms.get(target.name)!
      await target.makeCold()
      const storedLog = target.storedLog?.(room)
      const { cold: result, warm } = await openColdThenWarm(target, room)
      // Splits a cold open's cost into the process's first request and the document's read.
      await target.makeCold()
      const afterWarmUp = await openAfterWarmUp(target, warmUpRooms.get(target.name)!, room)
      const run: ColdRun = { ...result, server: target.name, rep, storedLog, warm, afterWarmUp }
      cold.push(run)
      log(coldLine(run))
    }
  }
}

/**
 * Runs a bench script in a process of its own and keeps its lines that start with `prefix`: the
 * compaction stall (its server shares the event loop it measures with nothing else of this run)
 * and the capacity ramp (fresh servers, and the driver's CPU to itself).
 */
function runScript(file: string, prefix: string, extraEnv: Record<string, string> = {}): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.resolve(import.meta.dirname, file)],
      { env: { ...extraEnv, ...process.env }, timeout: 15 * 60_000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${file}: ${error.message}\n${stderr.slice(-2000)}`))
        else resolve(stdout.split('\n').filter((line) => line.startsWith(prefix)))
      },
    )
  })
}

async function main(): Promise<void> {
  const m = machine()
  const started = performance.now()
  log(`bench: ${m.cpu}, ${m.cores} cores, Node ${m.node}, load ${m.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')}`)
  const plan = runCluster ? await planCluster() : undefined
  if (plan && 'skip' in plan) {
    log(plan.skip)
    // The cluster profile alone was asked for: nothing else to measure.
    if (profiles.length === 0 && skipColdOpen) return
  }
  const targets = { ours: await startOurs({ nodeArgs: nodeArgsFor('ours') }), reference: await startReference({ nodeArgs: nodeArgsFor('reference') }) }
  log(`servers: ours pid ${targets.ours.pid()}${oursProjectDir ? ` (from ${oursProjectDir})` : ''}, reference pid ${targets.reference.pid()}`)
  const idleRss = { ours: rssBytes(targets.ours.pid()), reference: rssBytes(targets.reference.pid()) }
  const runs: ProfileRun[] = []
  const latencies: LatencyPool = new Map()
  const cold: ColdRun[] = []
  const history: Partial<Record<ServerName, HistoryResult>> = {}
  const single: Group[] = [
    { name: 'ours', targets: [targets.ours] },
    { name: 'reference', targets: [targets.reference] },
  ]
  let cluster: Cluster | undefined
  const hops: HopRun[] = []
  try {
    if (plan && 'db' in plan) {
      cluster = await startCluster(plan.db, { nodeArgs: nodeArgsFor('ours') })
      log(`cluster: two instances on ${plan.db} + Redis, pids ${cluster.targets.map((t) => t.pid()).join(' ')}`)
      // Freshly started instances run their first edits unoptimised: one short unmeasured pass each.
      const warmUp = { ...clusterProfile, seconds: 2 }
      for (const group of [cluster, ...single]) await measureProfile(group, warmUp, -1, new Map(), () => undefined)
    }
    for (let rep = 0; rep < reps; rep++) {
      log(`repetition ${rep + 1} of ${reps}`)
      for (const profile of profiles) {
        for (const group of rotate(single, rep)) runs.push(await measureProfile(group, profile, rep, latencies, log))
      }
      if (cluster) {
        for (const group of rotate([cluster, ...single], rep)) runs.push(await measureProfile(group, clusterProfile, rep, latencies, log))
        hops.push(await measureHop(cluster.targets, rep, hopEdits, hopRate))
        log(hopLine(hops.at(-1)!))
      }
    }
    if (cluster) log(`cluster: ${await cluster.confirmStorage()}`)
    if (!skipColdOpen) await measureColdOpen(targets, cold, history)
  } finally {
    await Promise.all([targets.ours.stop(), targets.reference.stop(), cluster?.stop()])
  }

  const stall = skipStall ? [] : await runScript('compaction-stall.ts', 'compaction stall', { BENCH_STALL_REPS: '1' })
  for (const line of stall) log(line)
  const capacity = skipCapacity ? [] : await runScript('capacity.ts', 'capacity')
  for (const line of capacity) log(line)

  const rows = figures(idleRss, profiles, runs, latencies, cold, history)
  const clusterRows = cluster ? clusterFigures(clusterProfile, runs, latencies, hops) : []
  const settings =
    (oursProjectDir ? `ours run from ${oursProjectDir}; ` : '') +
    `${reps} repetitions alternating between the servers; ${rate} inserts/s per client for ${seconds} s; ` +
    (cluster ? `hop alone: ${hopEdits} edits at ${hopRate}/s per repetition; ` : '') +
    (skipColdOpen ? '' : `cold open after ${historyUpdates} updates; `) +
    `total ${((performance.now() - started) / 1000).toFixed(0)} s.`
  const jsonFile = writeJson(
    { machine: m, settings: { reps, seconds, rate, historyUpdates, profiles, cluster: cluster && { db: cluster.db, profile: clusterProfile, hopEdits, hopRate } }, rows, clusterRows, idleRss, runs, hops, cold, history, stall, capacity },
    m.date,
  )
  const behind = runs.filter((r) => r.typing.editsPerSecond < 0.95 * r.typing.offeredEditsPerSecond)
  const warning = behind.length
    ? `\nWARNING: in ${behind.length} run(s) the driver could not keep the typing rate (${behind.map((r) => `${r.profile}/${r.server}/${r.rep + 1}`).join(', ')}): the machine is too busy for those latencies to mean much.`
    : ''
  if (rows.length > 1) console.log(`\n${textTable(rows)}`)
  if (cluster) console.log(`\nseveral instances (${cluster.db} + Redis, ${clusterProfile.rooms}×${clusterProfile.clientsPerRoom} clients):\n${clusterTextTable(clusterRows)}`)
  if (stall.length) console.log(`\n${stall.join('\n')}`)
  if (capacity.length) console.log(`\n${capacity.join('\n')}`)
  console.log(`\n${settings}${warning}\nraw results: ${jsonFile}`)
  if (!onlyProfiles && !skipColdOpen && !process.env.BENCH_NO_DOCS) writeSummary(rows, m, settings + warning, jsonFile)
  const clusterSettings = `Two instances on ${cluster?.db} + Redis; ${settings}`
  if (cluster && !process.env.BENCH_NO_DOCS) writeClusterSummary(clusterRows, m, clusterSettings + warning, jsonFile)
}

await main()
// Providers keep timers; everything measured is done, so end here.
process.exit(0)
