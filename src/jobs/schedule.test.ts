import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidInputError } from '../errors.js'
import type { JobScheduleFrequency } from '../store/types.js'
import { nextRunAt } from './schedule.js'

const daily: JobScheduleFrequency = { dailySchedule: {} }
const weekly = (dayOfWeek: string): JobScheduleFrequency => ({ weeklySchedule: { dayOfWeek } })
const monthly = (dayOfMonth: number): JobScheduleFrequency => ({ monthlySchedule: { dayOfMonth } })

const cases: Array<[what: string, frequency: JobScheduleFrequency, after: string, hourUtc: number, expected: string]> = [
  ['daily, later the same day', daily, '2026-03-04T10:00:00Z', 12, '2026-03-04T12:00:00.000Z'],
  ['daily, hour already passed', daily, '2026-03-04T13:00:00Z', 12, '2026-03-05T12:00:00.000Z'],
  ['daily, exactly at a run time', daily, '2026-03-04T00:00:00Z', 0, '2026-03-05T00:00:00.000Z'],
  ['daily, a millisecond before a run', daily, '2026-03-04T23:59:59.999Z', 0, '2026-03-05T00:00:00.000Z'],
  ['daily, across a year end', daily, '2026-12-31T05:00:00Z', 0, '2027-01-01T00:00:00.000Z'],
  ['daily, Feb 28 of a leap year', daily, '2028-02-28T01:00:00Z', 0, '2028-02-29T00:00:00.000Z'],
  ['weekly, later this week (Wed → Mon)', weekly('MONDAY'), '2026-03-04T10:00:00Z', 0, '2026-03-09T00:00:00.000Z'],
  ['weekly, today before the hour', weekly('WEDNESDAY'), '2026-03-04T01:00:00Z', 6, '2026-03-04T06:00:00.000Z'],
  ['weekly, today after the hour', weekly('WEDNESDAY'), '2026-03-04T07:00:00Z', 6, '2026-03-11T06:00:00.000Z'],
  ['weekly, exactly at a run time', weekly('WEDNESDAY'), '2026-03-04T00:00:00Z', 0, '2026-03-11T00:00:00.000Z'],
  ['weekly, Saturday → Sunday', weekly('SUNDAY'), '2026-03-07T23:00:00Z', 0, '2026-03-08T00:00:00.000Z'],
  ['weekly, across a year end', weekly('FRIDAY'), '2026-12-30T00:00:00Z', 0, '2027-01-01T00:00:00.000Z'],
  ['monthly, later this month', monthly(15), '2026-03-04T00:00:00Z', 0, '2026-03-15T00:00:00.000Z'],
  ['monthly, day passed → next month', monthly(3), '2026-03-04T00:00:00Z', 0, '2026-04-03T00:00:00.000Z'],
  ['monthly, exactly at a run time', monthly(4), '2026-03-04T00:00:00Z', 0, '2026-04-04T00:00:00.000Z'],
  ['monthly 31 skips April', monthly(31), '2026-04-01T00:00:00Z', 0, '2026-05-31T00:00:00.000Z'],
  ['monthly 31 on Mar 31 after the run skips April', monthly(31), '2026-03-31T00:00:01Z', 0, '2026-05-31T00:00:00.000Z'],
  ['monthly 31 from Aug 31 → Oct 31', monthly(31), '2026-08-31T12:00:00Z', 0, '2026-10-31T00:00:00.000Z'],
  ['monthly 31 across a year end', monthly(31), '2026-12-31T01:00:00Z', 0, '2027-01-31T00:00:00.000Z'],
  ['monthly 30 skips February', monthly(30), '2026-01-30T01:00:00Z', 0, '2026-03-30T00:00:00.000Z'],
  ['monthly 29 skips February of a common year', monthly(29), '2027-01-29T01:00:00Z', 0, '2027-03-29T00:00:00.000Z'],
  ['monthly 29 runs in February of a leap year', monthly(29), '2028-01-29T01:00:00Z', 0, '2028-02-29T00:00:00.000Z'],
  ['monthly 29 in 2100 (not a leap year)', monthly(29), '2100-02-01T00:00:00Z', 0, '2100-03-29T00:00:00.000Z'],
  ['monthly 29 in 2000 (a leap year)', monthly(29), '2000-02-01T00:00:00Z', 0, '2000-02-29T00:00:00.000Z'],
  ['monthly 1 at an hour', monthly(1), '2026-03-01T08:59:59Z', 9, '2026-03-01T09:00:00.000Z'],
  ['monthly 28 every month', monthly(28), '2026-02-28T09:00:00Z', 9, '2026-03-28T09:00:00.000Z'],
]

describe('nextRunAt', () => {
  for (const [what, frequency, after, hourUtc, expected] of cases) {
    it(what, () => {
      const next = nextRunAt(frequency, new Date(after), hourUtc)
      assert.equal(next.toISOString(), expected)
      assert.ok(next.getTime() > new Date(after).getTime())
    })
  }

  it('defaults to midnight UTC', () => {
    assert.equal(nextRunAt(daily, new Date('2026-03-04T10:00:00Z')).toISOString(), '2026-03-05T00:00:00.000Z')
  })

  it('rejects what is not a schedule', () => {
    const after = new Date('2026-03-04T10:00:00Z')
    assert.throws(() => nextRunAt({}, after), InvalidInputError)
    assert.throws(() => nextRunAt(weekly('FUNDAY'), after), /dayOfWeek/)
    assert.throws(() => nextRunAt(monthly(32), after), /dayOfMonth/)
    assert.throws(() => nextRunAt(monthly(0), after), /dayOfMonth/)
    assert.throws(() => nextRunAt(daily, after, 24), /hourUtc/)
    assert.throws(() => nextRunAt(daily, new Date('nope')), /valid date/)
  })
})
