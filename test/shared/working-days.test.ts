// Working days for deadlines: weekends skipped, counted from and to calendar dates in the city's zone.
import { describe, expect, it } from 'vitest'
import { addWorkingDays, calendarDateIn, isCalendarDate, workingDaysUntil } from '../../shared/working-days'

describe('working days', () => {
  it('adds working days over weekends', () => {
    expect(addWorkingDays('2025-11-03', 10)).toBe('2025-11-17')
    expect(addWorkingDays('2025-11-07', 1)).toBe('2025-11-10')
    expect(addWorkingDays('2025-11-08', 1)).toBe('2025-11-10')
    expect(addWorkingDays('2025-12-31', 2)).toBe('2026-01-02')
  })

  it('counts the working days left until a date', () => {
    expect(workingDaysUntil('2025-11-03', '2025-11-05')).toBe(2)
    expect(workingDaysUntil('2025-11-07', '2025-11-10')).toBe(1)
    expect(workingDaysUntil('2025-11-05', '2025-11-05')).toBe(0)
    expect(workingDaysUntil('2025-11-06', '2025-11-05')).toBe(0)
  })

  it('reads the calendar day in the time zone, and only real dates', () => {
    expect(calendarDateIn(new Date('2025-11-03T23:30:00Z'), 'Europe/Berlin')).toBe('2025-11-04')
    expect(calendarDateIn(new Date('2025-11-03T23:30:00Z'), 'UTC')).toBe('2025-11-03')
    expect(['2025-02-28', '2025-02-30', '2025-2-1', '31.12.2025'].map(isCalendarDate)).toEqual([true, false, false, false])
  })
})
