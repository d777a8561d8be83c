import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { describeChange, diffAudits } from './changes.js'
import type { RuleResult } from './types.js'

const r = (ruleId: string, region: string, verdict: RuleResult['verdict'], reason = `${ruleId} ${verdict}`): RuleResult => ({ ruleId, region, verdict, reason })

describe('diffAudits', () => {
  it('finds nothing between identical rounds, nor when only a reason moved', () => {
    const round = [r('Macie2-001', 'us-east-1', 'SUCCESS'), r('Macie2-003', 'us-east-1', 'FAILURE', 'No jobs')]
    assert.deepEqual(diffAudits(round, round), [])
    assert.deepEqual(diffAudits(round, [round[0]!, r('Macie2-003', 'us-east-1', 'FAILURE', 'Still no jobs')]), [])
  })

  it('names each rule × region whose verdict moved, with the new reason, in the newer round\'s order', () => {
    const before = [r('Macie2-001', 'us-east-1', 'SUCCESS'), r('Macie2-003', 'us-east-1', 'FAILURE'), r('Macie2-003', 'eu-west-1', 'FAILURE'), r('Macie2-008', 'eu-west-1', 'SUCCESS')]
    const after = [r('Macie2-001', 'us-east-1', 'SUCCESS'), r('Macie2-003', 'us-east-1', 'SUCCESS', '1 active job'), r('Macie2-003', 'eu-west-1', 'FAILURE'), r('Macie2-008', 'eu-west-1', 'ERROR', 'ECONNREFUSED')]
    assert.deepEqual(diffAudits(before, after), [
      { ruleId: 'Macie2-003', region: 'us-east-1', from: 'FAILURE', to: 'SUCCESS', reason: '1 active job' },
      { ruleId: 'Macie2-008', region: 'eu-west-1', from: 'SUCCESS', to: 'ERROR', reason: 'ECONNREFUSED' },
    ])
  })

  it('tells the same rule apart across regions, and the same region across rules', () => {
    const before = [r('Macie2-003', 'us-east-1', 'FAILURE'), r('Macie2-004', 'us-east-1', 'FAILURE')]
    const after = [r('Macie2-003', 'us-east-1', 'FAILURE'), r('Macie2-004', 'us-east-1', 'SUCCESS')]
    assert.deepEqual(diffAudits(before, after).map((c) => c.ruleId), ['Macie2-004'])
  })

  it('reports pairs that appear or disappear between rounds', () => {
    const changes = diffAudits([r('Macie2-001', 'us-east-1', 'SUCCESS', 'on')], [r('Macie2-001', 'eu-west-1', 'FAILURE', 'off')])
    assert.deepEqual(changes, [
      { ruleId: 'Macie2-001', region: 'eu-west-1', to: 'FAILURE', reason: 'off' },
      { ruleId: 'Macie2-001', region: 'us-east-1', from: 'SUCCESS', reason: 'on' },
    ])
  })
})

describe('describeChange', () => {
  it('reads old → new with the reason', () => {
    assert.equal(describeChange({ ruleId: 'Macie2-003', region: 'us-east-1', from: 'FAILURE', to: 'SUCCESS', reason: '1 job' }), 'Macie2-003 us-east-1: FAILURE → SUCCESS (1 job)')
    assert.equal(describeChange({ ruleId: 'Macie2-003', region: 'us-east-1', to: 'FAILURE', reason: 'x' }), 'Macie2-003 us-east-1: (not audited) → FAILURE (x)')
  })
})
