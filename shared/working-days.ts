// Calendar dates (`YYYY-MM-DD`) and working days (Monday to Friday) for co-signing deadlines.
// Public holidays are not counted out: a deadline that falls on one is the lead's to extend.

const dayMs = 24 * 60 * 60 * 1000

/** The calendar date of an instant in a time zone, e.g. `2025-11-12` for Europe/Berlin. */
export function calendarDateIn(instant: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant)
}

/** Whether the text is a real calendar date in `YYYY-MM-DD` form (no 2025-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  return toUtc(text).toISOString().slice(0, 10) === text
}

const toUtc = (date: string) => new Date(`${date}T00:00:00Z`)
const isWeekend = (day: Date) => day.getUTCDay() === 0 || day.getUTCDay() === 6

/** The date `days` working days after `date` (a Friday plus one is the Monday after). */
export function addWorkingDays(date: string, days: number): string {
  let day = toUtc(date)
  for (let left = days; left > 0; ) {
    day = new Date(day.getTime() + dayMs)
    if (!isWeekend(day)) left--
  }
  return day.toISOString().slice(0, 10)
}

/** Working days after `from` up to and including `to`: 0 when `to` is `from` or earlier, or only a weekend lies between. */
export function workingDaysUntil(from: string, to: string): number {
  let count = 0
  // Bounded: a deadline years away is not counted day by day for ever.
  for (let day = toUtc(from), end = toUtc(to), steps = 0; day < end && steps < 3700; steps++) {
    day = new Date(day.getTime() + dayMs)
    if (!isWeekend(day)) count++
  }
  return count
}
