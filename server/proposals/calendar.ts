// The round's calendar: today's date in the city's time zone, the default deadline, and whether a
// deadline is near or has passed — all from the injected clock.
import { addWorkingDays, calendarDateIn, workingDaysUntil } from '../../shared/working-days'
import type { Clock } from '../clock'

export type RoundCalendarConfig = { timeZone: string; deadlineWorkingDays: number; warningWorkingDays: number }

export class RoundCalendar {
  constructor(
    readonly clock: Clock,
    private readonly config: RoundCalendarConfig,
  ) {}

  now(): Date {
    return this.clock.now()
  }

  today(): string {
    return calendarDateIn(this.clock.now(), this.config.timeZone)
  }

  /** The deadline a department gets when the lead does not choose one: so many working days from today. */
  defaultDue(): string {
    return addWorkingDays(this.today(), this.config.deadlineWorkingDays)
  }

  /** The due day is the last day to sign: the deadline has passed from the day after. */
  isPassed(due: string): boolean {
    return this.today() > due
  }

  /** Not passed, and at most the warning's working days left (2: the Thursday for a Monday deadline). */
  isSoon(due: string): boolean {
    return !this.isPassed(due) && workingDaysUntil(this.today(), due) <= this.config.warningWorkingDays
  }
}
