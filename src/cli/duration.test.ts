import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { durationMs } from './duration.js'
import { UsageError } from './usage-error.js'

const valid: Array<[text: string, ms: number]> = [
  ['90', 90_000],
  ['90s', 90_000],
  ['1s', 1_000],
  ['15m', 900_000],
  ['6h', 21_600_000],
  ['1d', 86_400_000],
  ['1.5h', 5_400_000],
  [' 2s ', 2_000],
  ['24d', 2_073_600_000],
]
const invalid: Array<[text: string, why: RegExp]> = [
  ['', /duration such as/],
  ['15 m', /duration such as/],
  ['15min', /duration such as/],
  ['-5s', /duration such as/],
  ['1w', /duration such as/],
  ['s', /duration such as/],
  ['0s', /at least 1s/],
  ['0.5s', /at least 1s/],
  ['25d', /at most 24d/],
]

describe('durationMs', () => {
  it('takes a larger bound for durations that are not timers (retention)', () => {
    assert.equal(durationMs('90d', '--audit-retention', 3650 * 86_400_000), 90 * 86_400_000)
    assert.throws(() => durationMs('4000d', '--audit-retention', 3650 * 86_400_000), /--audit-retention must be at most 3650d/)
  })
  for (const [text, ms] of valid) {
    it(`reads ${JSON.stringify(text)}`, () => assert.equal(durationMs(text, '--interval'), ms))
  }
  for (const [text, why] of invalid) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      assert.throws(
        () => durationMs(text, '--interval'),
        (err: unknown) => err instanceof UsageError && why.test(err.message) && err.message.startsWith('--interval'),
      )
    })
  }
})
