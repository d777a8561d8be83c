// When a scheduled job runs next: Macie's daily, weekly and monthly recurrences at one hour of
// the day (UTC). Pure date arithmetic; the scheduler that acts on it lives elsewhere.
import { InvalidInputError } from '../errors.js'
import type { JobScheduleFrequency } from '../store/types.js'

/** Macie's `DayOfWeek` values, in `Date.getUTCDay()` order. */
export const DAYS_OF_WEEK = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const

const DAY_MS = 24 * 60 * 60 * 1000

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
}

/**
 * The first scheduled instant strictly after `after`: daily at `hourUtc`, weekly on `dayOfWeek`,
 * or monthly on `dayOfMonth`, skipping months that lack that day (as Macie does: 31 never runs in
 * April). Macie does not document the hour it picks; trawl runs at `hourUtc` (default midnight).
 * @example
 * nextRunAt({ weeklySchedule: { dayOfWeek: 'MONDAY' } }, new Date('2026-03-04T10:00:00Z')) // 2026-03-09T00:00:00Z
 */
export function nextRunAt(frequency: JobScheduleFrequency, after: Date, hourUtc = 0): Date {
  if (!Number.isInteger(hourUtc) || hourUtc < 0 || hourUtc > 23) {
    throw new InvalidInputError(`hourUtc must be an integer from 0 to 23, not ${hourUtc}`)
  }
  const t = after.getTime()
  if (Number.isNaN(t)) throw new InvalidInputError('after must be a valid date')
  const y = after.getUTCFullYear()
  const m = after.getUTCMonth()
  const d = after.getUTCDate()

  if (frequency.dailySchedule) {
    const today = Date.UTC(y, m, d, hourUtc)
    return new Date(today > t ? today : today + DAY_MS)
  }
  if (frequency.weeklySchedule) {
    const wanted = (DAYS_OF_WEEK as readonly string[]).indexOf(frequency.weeklySchedule.dayOfWeek)
    if (wanted < 0) {
      throw new InvalidInputError(`scheduleFrequency.weeklySchedule.dayOfWeek must be one of ${DAYS_OF_WEEK.join(', ')}`)
    }
    const ahead = (wanted - after.getUTCDay() + 7) % 7
    const candidate = Date.UTC(y, m, d + ahead, hourUtc)
    return new Date(candidate > t ? candidate : candidate + 7 * DAY_MS)
  }
  if (frequency.monthlySchedule) {
    const day = frequency.monthlySchedule.dayOfMonth
    if (!Number.isInteger(day) || day < 1 || day > 31) {
      throw new InvalidInputError('scheduleFrequency.monthlySchedule.dayOfMonth must be an integer from 1 to 31')
    }
    // Every day from 1 to 31 occurs within any 13 consecutive months (31 in January, July…).
    for (let i = 0; i <= 13; i++) {
      const year = y + Math.floor((m + i) / 12)
      const month = (m + i) % 12
      if (day > daysInMonth(year, month)) continue
      const candidate = Date.UTC(year, month, day, hourUtc)
      if (candidate > t) return new Date(candidate)
    }
  }
  throw new InvalidInputError('scheduleFrequency must specify dailySchedule, weeklySchedule or monthlySchedule')
}
