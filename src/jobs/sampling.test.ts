import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { isSampled } from './sampling.js'

const keys = Array.from({ length: 10_000 }, (_, i) => `data/part-${i}.csv`)
const share = (runId: string, percentage: number) => keys.filter((k) => isSampled(runId, 'bucket', k, percentage)).length / keys.length

describe('isSampled', () => {
  it('100 picks every object', () => assert.equal(share('run-1', 100), 1))

  const rates: Array<[percentage: number, tolerance: number]> = [
    [1, 0.004],
    [10, 0.01],
    [30, 0.015],
    [50, 0.015],
    [99, 0.004],
  ]
  for (const [percentage, tolerance] of rates) {
    it(`${percentage}% of 10,000 keys is within ±${tolerance * 100} points`, () => {
      const got = share('run-1', percentage)
      assert.ok(Math.abs(got - percentage / 100) <= tolerance, `picked ${got}`)
    })
  }

  it('picks the same objects again for the same run (a resumed run)', () => {
    const first = keys.filter((k) => isSampled('run-1', 'bucket', k, 30))
    const again = keys.filter((k) => isSampled('run-1', 'bucket', k, 30))
    assert.deepEqual(again, first)
  })

  it('picks other objects in another run, bucket or key', () => {
    const a = keys.filter((k) => isSampled('run-1', 'bucket', k, 30))
    const b = keys.filter((k) => isSampled('run-2', 'bucket', k, 30))
    const c = keys.filter((k) => isSampled('run-1', 'other', k, 30))
    assert.notDeepEqual(b, a)
    assert.notDeepEqual(c, a)
  })

  it('a larger percentage keeps every object a smaller one picked', () => {
    for (const k of keys.slice(0, 2000)) if (isSampled('run-1', 'bucket', k, 20)) assert.ok(isSampled('run-1', 'bucket', k, 40))
  })

  it('rejects percentages outside 0–100', () => {
    assert.throws(() => isSampled('r', 'b', 'k', 101), /samplingPercentage/)
    assert.throws(() => isSampled('r', 'b', 'k', -1), /samplingPercentage/)
    assert.throws(() => isSampled('r', 'b', 'k', Number.NaN), /samplingPercentage/)
  })
})
