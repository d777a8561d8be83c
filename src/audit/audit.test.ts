import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { auditExitCode, summarize } from './audit.js'
import type { RuleResult, Verdict } from './types.js'

const result = (verdict: Verdict): RuleResult => ({ ruleId: 'Macie2-001', region: 'us-east-1', verdict, reason: '' })

describe('summarize and auditExitCode', () => {
  const cases: Array<[verdicts: Verdict[], code: number]> = [
    [['SUCCESS', 'SUCCESS'], 0],
    [['SUCCESS', 'FAILURE'], 1],
    [['FAILURE', 'ERROR'], 1],
    [['SUCCESS', 'ERROR'], 3],
    [[], 0],
  ]
  for (const [verdicts, code] of cases) {
    it(`${verdicts.join(', ') || 'nothing'} → ${code}`, () => {
      const summary = summarize(verdicts.map(result), 1, verdicts.length)
      assert.equal(summary.total, verdicts.length)
      assert.equal(summary.SUCCESS + summary.FAILURE + summary.ERROR, verdicts.length)
      assert.equal(auditExitCode(summary), code)
    })
  }
})
