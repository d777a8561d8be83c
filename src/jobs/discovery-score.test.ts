import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { resourceStatistics, sensitivityScore, summaryScore, type ScoreInput } from './discovery-score.js'

const base: ScoreInput = { objectCount: 100, eligibleObjects: 100, classified: 10, skipped: 0, detections: [] }
const found = (...counts: number[]): ScoreInput['detections'] => counts.map((count) => ({ count, suppressed: false }))

describe('sensitivityScore', () => {
  const cases: Array<[string, ScoreInput, number]> = [
    ['never listed, nothing analysed', { classified: 0, skipped: 0, detections: [] }, 50],
    ['listed, not sampled yet', { objectCount: 5, eligibleObjects: 5, classified: 0, skipped: 0, detections: [] }, 50],
    ['empty bucket', { objectCount: 0, eligibleObjects: 0, classified: 0, skipped: 0, detections: [] }, 1],
    ['only empty or unclassifiable objects', { objectCount: 3, eligibleObjects: 0, classified: 0, skipped: 0, detections: [] }, 1],
    ['only errors', { ...base, classified: 0, skipped: 4 }, -1],
    ['everything analysed, nothing found', { ...base, classified: 100 }, 1],
    ['override', { ...base, scoreOverride: 100 }, 100],
    ['override of an empty bucket', { objectCount: 0, classified: 0, skipped: 0, detections: [], scoreOverride: 100 }, 100],
  ]
  for (const [name, input, expected] of cases) it(name, () => assert.equal(sensitivityScore(input), expected))

  it('keeps not-sensitive scores in 1…49, falling as more is analysed', () => {
    let previous = 50
    for (let classified = 1; classified <= 100; classified++) {
      const score = sensitivityScore({ ...base, classified })
      assert.ok(score >= 1 && score <= 49, `${score}`)
      assert.ok(score <= previous, `${classified}: ${score} > ${previous}`)
      previous = score
    }
  })

  it('keeps sensitive scores in 51…99, rising with occurrences, types and coverage', () => {
    for (const classified of [1, 10, 50, 100]) {
      let previous = 50
      for (const count of [1, 2, 10, 100, 1e4, 1e8]) {
        const score = sensitivityScore({ ...base, classified, detections: found(count) })
        assert.ok(score >= 51 && score <= 99, `${score}`)
        assert.ok(score >= previous)
        previous = score
      }
    }
    let previous = 50
    for (let types = 1; types <= 40; types++) {
      const score = sensitivityScore({ ...base, detections: found(...Array<number>(types).fill(5)) })
      assert.ok(score >= previous && score <= 99)
      previous = score
    }
    assert.ok(sensitivityScore({ ...base, detections: found(50, 50, 50) }) > sensitivityScore({ ...base, detections: found(50) }))
    assert.ok(sensitivityScore({ ...base, classified: 100, detections: found(5) }) > sensitivityScore({ ...base, classified: 1, detections: found(5) }))
    assert.ok(sensitivityScore({ ...base, classified: 100, detections: found(...Array<number>(200).fill(1e9)) }) < 100)
  })

  it('leaves suppressed identifiers out', () => {
    const onlySuppressed = sensitivityScore({ ...base, detections: [{ count: 1000, suppressed: true }] })
    assert.equal(onlySuppressed, sensitivityScore(base))
    assert.ok(onlySuppressed < 50)
    assert.equal(sensitivityScore({ ...base, detections: [...found(3), { count: 1000, suppressed: true }] }), sensitivityScore({ ...base, detections: found(3) }))
  })
})

describe('resourceStatistics and summaryScore', () => {
  it('count suppressed detections apart and score the summary', () => {
    const summary = {
      profile: { bucket: 'b', suppressed: [{ id: 'USA_SOCIAL_SECURITY_NUMBER', type: 'MANAGED' as const }], objectCount: 4, eligibleObjects: 4, updatedAt: new Date() },
      counts: { bytesClassified: 300, complete: 2, partial: 1, skipped: 1, sensitive: 2, skippedInvalidEncryption: 1, skippedInvalidKms: 0, skippedPermissionDenied: 0 },
      detections: [
        { type: 'MANAGED' as const, id: 'USA_SOCIAL_SECURITY_NUMBER', name: 'USA_SOCIAL_SECURITY_NUMBER', count: 7 },
        { type: 'MANAGED' as const, id: 'EMAIL_ADDRESS', name: 'EMAIL_ADDRESS', count: 3 },
      ],
    }
    assert.deepEqual(resourceStatistics(summary), {
      totalBytesClassified: 300,
      totalDetections: 10,
      totalDetectionsSuppressed: 7,
      totalItemsClassified: 3,
      totalItemsSensitive: 2,
      totalItemsSkipped: 1,
      totalItemsSkippedInvalidEncryption: 1,
      totalItemsSkippedInvalidKms: 0,
      totalItemsSkippedPermissionDenied: 0,
    })
    const score = summaryScore(summary)
    assert.ok(score > 50 && score < 100)
    assert.ok(summaryScore({ ...summary, detections: summary.detections.slice(0, 1) }) < 50)
  })
})
