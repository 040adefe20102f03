// Capacity: the most clients one instance serves — 20 per proposal, each typing 2 edits a second —
// with fan-out p99 under 100 ms, ours (durable on SQLite) and the reference side by side. Both ramp
// up the same steps of rooms, alternating which goes first; a server's ramp ends at its first step
// that misses the bound twice in a row. Run alone: npx tsx bench/capacity.ts (`npm run bench` runs it in a child
// process and prints its lines; BENCH_CAPACITY=0 skips it there).
// The clients run in this process on the same 2 cores: a step in which the driver could not keep
// the typing rate is reported as the driver's limit, not the server's.
import { positiveEnv } from './measure'
import { measureProfile, type Group } from './measure-profile'
import { startOurs, startReference, type ServerName, type Target } from './servers'
import type { ProfileRun } from './report'
import type { Profile } from './workload'

const clientsPerRoom = 20
const editsPerSecond = 2
const boundMs = 100
const seconds = positiveEnv('BENCH_CAPACITY_SECONDS', 8)
const roomSteps = (process.env.BENCH_CAPACITY_ROOMS ?? '5,10,15,20,25,30,40,50,60').split(',').map(Number)
if (roomSteps.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('BENCH_CAPACITY_ROOMS must be a list of positive integers')

export type CapacityStep = {
  server: ServerName
  clients: number
  p50Ms: number
  p99Ms: number
  serverCores: number
  driverCores: number
  /** What the rest of the machine used meanwhile: a busy neighbour, not the server, may explain a miss. */
  otherCores: number
  /** Why the step misses the bound, if it does: the server's latency, or a driver that fell behind. */
  verdict: 'within' | 'over the bound' | 'driver fell behind' | 'not converged'
}

function verdictOf(run: ProfileRun): CapacityStep['verdict'] {
  if (!run.typing.converged || run.typing.disconnects > 0) return 'not converged'
  if (run.typing.editsPerSecond < 0.95 * run.typing.offeredEditsPerSecond) return 'driver fell behind'
  return run.latency.p99 < boundMs ? 'within' : 'over the bound'
}

export const stepLine = (step: CapacityStep) =>
  `capacity step: ${step.server.padEnd(9)} ${String(step.clients).padStart(4)} clients: fan-out p50 ${step.p50Ms.toFixed(1)} p99 ${step.p99Ms.toFixed(1)} ms, ` +
  `server ${step.serverCores.toFixed(2)} cores, driver ${step.driverCores.toFixed(2)} cores, others ${step.otherCores.toFixed(2)} cores: ${step.verdict}`

/** The largest step within the bound before the first that is not, and what ended the ramp. */
export function capacityOf(steps: CapacityStep[], server: ServerName): { clients: number; endedBy: string } {
  const own = steps.filter((s) => s.server === server)
  const firstMiss = own.findIndex((s) => s.verdict !== 'within')
  const within = firstMiss === -1 ? own : own.slice(0, firstMiss)
  const endedBy = firstMiss === -1 ? `every step up to ${own.at(-1)?.clients ?? 0} clients within` : `${own[firstMiss]!.clients} clients: ${own[firstMiss]!.verdict}`
  return { clients: within.at(-1)?.clients ?? 0, endedBy }
}

async function measureStep(group: Group, profile: Profile): Promise<CapacityStep> {
  const run = await measureProfile(group, profile, 0, new Map(), () => undefined)
  return {
    server: group.name as ServerName,
    clients: profile.rooms * profile.clientsPerRoom,
    p50Ms: run.latency.p50,
    p99Ms: run.latency.p99,
    serverCores: run.serverCores,
    driverCores: run.typing.driverCores,
    otherCores: run.otherCores,
    verdict: verdictOf(run),
  }
}

async function ramp(targets: Record<ServerName, Target>, log: (line: string) => void): Promise<CapacityStep[]> {
  const steps: CapacityStep[] = []
  // Freshly started servers run their first edits unoptimised: one short unmeasured pass each.
  for (const name of ['ours', 'reference'] as const) {
    const warmUp = { name: 'warm-up', rooms: 1, clientsPerRoom, insertsPerSecond: editsPerSecond, seconds: 2 }
    await measureProfile({ name, targets: [targets[name]] }, warmUp, -1, new Map(), () => undefined)
  }
  const running = new Set<ServerName>(['ours', 'reference'])
  for (const [index, rooms] of roomSteps.entries()) {
    const order: ServerName[] = index % 2 === 0 ? ['ours', 'reference'] : ['reference', 'ours']
    for (const name of order.filter((n) => running.has(n))) {
      const group: Group = { name, targets: [targets[name]] }
      const profile = { name: `capacity ${rooms * clientsPerRoom}`, rooms, clientsPerRoom, insertsPerSecond: editsPerSecond, seconds }
      // A step that misses is tried once more: one burst of a neighbour's work should not end the ramp.
      let step = await measureStep(group, profile)
      if (step.verdict !== 'within') {
        log(`${stepLine(step)} (trying once more)`)
        step = await measureStep(group, profile)
      }
      steps.push(step)
      log(stepLine(step))
      if (step.verdict !== 'within') running.delete(name)
    }
    if (running.size === 0) break
  }
  return steps
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Every provider adds a process 'exit' listener; a thousand clients are intended.
  process.setMaxListeners(5000)
  // Bench clients are machines: the limits meant for people (rate, bytes, rooms per user) are lifted.
  const ours = await startOurs({ env: { USER_BYTES_PER_SECOND: '100000000', USER_BYTE_BURST: '100000000', MAX_ROOMS_PER_USER: '2000' } })
  const reference = await startReference()
  try {
    const steps = await ramp({ ours, reference }, (line) => console.log(line))
    for (const server of ['ours', 'reference'] as const) {
      const { clients, endedBy } = capacityOf(steps, server)
      console.log(`capacity: ${server} serves ${clients} clients (${clients / clientsPerRoom} proposals × ${clientsPerRoom}, ${editsPerSecond} edits/s each) with fan-out p99 < ${boundMs} ms; ramp ended at ${endedBy}`)
    }
  } finally {
    await Promise.all([ours.stop(), reference.stop()])
  }
  process.exit(0)
}
