import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { AuditInputError } from './input-error.js'
import { RULES, ruleById, selectRules } from './rules.js'
import { isActiveJob } from './rules/macie2-003.js'
import { staleHighFindingsCriteria } from './rules/macie2-008.js'

const root = new URL('../../', import.meta.url)

describe('RULES', () => {
  it('are Macie2-001 to Macie2-008 in order, with the risk levels of the rule book', () => {
    assert.deepEqual(RULES.map((r) => r.id), ['Macie2-001', 'Macie2-002', 'Macie2-003', 'Macie2-004', 'Macie2-005', 'Macie2-006', 'Macie2-007', 'Macie2-008'])
    assert.deepEqual(RULES.map((r) => r.riskLevel), ['High', 'Medium', 'Medium', 'Medium', 'High', 'Medium', 'Low', 'Medium'])
    assert.equal(ruleById('Macie2-003')!.title, 'Amazon Macie Discovery Jobs')
  })
  it('each have audit and remediation steps as aws CLI commands, and a documentation page that names them', () => {
    for (const rule of RULES) {
      assert.ok(rule.auditSteps.length > 0 && rule.auditSteps.every((s) => s.startsWith('aws ')), rule.id)
      assert.ok(rule.remediationSteps.length > 0 && rule.remediationSteps.every((s) => s.startsWith('aws ')), rule.id)
      assert.equal(rule.docPath, `docs/rules/${rule.id}.md`)
      const page = new URL(rule.docPath, root)
      assert.ok(existsSync(page), `${rule.docPath} is missing`)
      const text = readFileSync(page, 'utf8')
      assert.ok(text.includes(rule.id) && text.includes(rule.title), `${rule.docPath} does not name its rule`)
      if (rule.id !== 'Macie2-001') assert.deepEqual(rule.dependsOn, ['Macie2-001'])
    }
  })
})

describe('selectRules', () => {
  it('selects by ID (any case), excludes, and keeps ID order', () => {
    assert.deepEqual(selectRules(['macie2-003', 'Macie2-001']).map((r) => r.id), ['Macie2-001', 'Macie2-003'])
    assert.deepEqual(selectRules(undefined, ['Macie2-008']).map((r) => r.id).at(-1), 'Macie2-007')
    assert.equal(selectRules().length, 8)
  })
  it('refuses unknown IDs', () => {
    assert.throws(() => selectRules(['Macie2-009']), AuditInputError)
    assert.throws(() => selectRules(undefined, ['nope']), /unknown rule: nope/)
  })
})

describe('isActiveJob', () => {
  const cases: Array<[type: 'ONE_TIME' | 'SCHEDULED', status: string, expected: boolean]> = [
    ['ONE_TIME', 'RUNNING', true],
    ['ONE_TIME', 'PAUSED', true],
    ['ONE_TIME', 'USER_PAUSED', true],
    ['SCHEDULED', 'IDLE', true],
    ['ONE_TIME', 'COMPLETE', false],
    ['ONE_TIME', 'CANCELLED', false],
    ['SCHEDULED', 'CANCELLED', false],
  ]
  for (const [jobType, jobStatus, expected] of cases) {
    it(`${jobType} ${jobStatus}`, () => assert.equal(isActiveJob({ jobType, jobStatus: jobStatus as 'RUNNING' }), expected))
  }
})

describe('staleHighFindingsCriteria', () => {
  it('asks for High, unarchived findings created before now minus the days', () => {
    const now = new Date('2026-03-31T00:00:00Z')
    assert.deepEqual(staleHighFindingsCriteria(30, now).criterion, {
      'severity.description': { eq: ['High'] },
      archived: { eq: ['false'] },
      createdAt: { lt: Date.parse('2026-03-01T00:00:00Z') },
    })
    assert.equal(staleHighFindingsCriteria(0, now).criterion!.createdAt!.lt, now.getTime())
  })
})
