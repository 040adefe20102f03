// Child processes a test starts die with the test process, whichever way it ends.
import type { ChildProcess } from 'node:child_process'

const running = new Set<ChildProcess>()

function killAll(): void {
  for (const child of running) child.kill('SIGKILL')
}

// One listener for all of them: a listener per child passed Node's limit of ten in the files that start many.
process.once('exit', killAll)
// Vitest ends its workers with SIGTERM, and a death by signal emits no 'exit'.
process.once('SIGTERM', () => {
  killAll()
  process.exit(143)
})

/** A test that fails half-way must not leave `child` running after the test process ends. */
export function killWithTestProcess(child: ChildProcess): void {
  running.add(child)
  child.once('exit', () => running.delete(child))
}
