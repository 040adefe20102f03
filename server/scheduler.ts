// Work that is due by the clock rather than by a request — deadline sweeps, e-mail digests — run on one
// timer, one run at a time. Tests call runNow() after moving the injected clock instead of waiting.
import type { Logger } from './log'

export type ScheduledTask = { name: string; run(): void | Promise<unknown> }

export class Scheduler {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> = Promise.resolve()

  constructor(
    private readonly tasks: ScheduledTask[],
    private readonly tickMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runNow(), this.tickMs)
    this.timer.unref()
  }

  /** Runs every task once, after a run already under way; resolves when done (a failing task is logged). */
  runNow(): Promise<void> {
    this.running = this.running.then(async () => {
      for (const task of this.tasks) {
        try {
          await task.run()
        } catch (error) {
          this.log.error('scheduled work failed', { task: task.name, error })
        }
      }
    })
    return this.running
  }

  /** Stops the timer and waits for a run under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.running
  }
}
