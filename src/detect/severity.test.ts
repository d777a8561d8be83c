import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { defineIdentifier } from './identifier.js'
import { customSeverity, findingType, managedSeverity, maxSeverity } from './severity.js'

const dob = defineIdentifier({ id: 'D', category: 'PERSONAL_INFORMATION', description: 'd', severity: ['Low', 'Medium', 'High'], pattern: /x/g })

describe('severity', () => {
  it('uses the 1 / 2–99 / 100+ table', () => {
    assert.equal(managedSeverity(dob, 1), 'Low')
    assert.equal(managedSeverity(dob, 2), 'Medium')
    assert.equal(managedSeverity(dob, 99), 'Medium')
    assert.equal(managedSeverity(dob, 100), 'High')
  })
  it('gives custom identifiers Medium without levels, else the highest threshold reached', () => {
    assert.equal(customSeverity({ severityLevels: [] }, 1), 'Medium')
    const levels = { severityLevels: [{ occurrencesThreshold: 1, severity: 'LOW' as const }, { occurrencesThreshold: 50, severity: 'MEDIUM' as const }, { occurrencesThreshold: 100, severity: 'HIGH' as const }] }
    assert.equal(customSeverity(levels, 49), 'Low')
    assert.equal(customSeverity(levels, 50), 'Medium')
    assert.equal(customSeverity(levels, 100), 'High')
    assert.equal(customSeverity({ severityLevels: [{ occurrencesThreshold: 5, severity: 'HIGH' }] }, 4), undefined)
  })
  it('takes the maximum over types', () => {
    assert.deepEqual(maxSeverity(['Low', 'High', 'Medium']), { description: 'High', score: 3 })
    assert.equal(maxSeverity([]), undefined)
  })
  it('derives the finding type from the categories', () => {
    assert.equal(findingType(new Set(['CREDENTIALS'])), 'SensitiveData:S3Object/Credentials')
    assert.equal(findingType(new Set(['FINANCIAL_INFORMATION'])), 'SensitiveData:S3Object/Financial')
    assert.equal(findingType(new Set(['PERSONAL_INFORMATION'])), 'SensitiveData:S3Object/Personal')
    assert.equal(findingType(new Set(['CUSTOM_IDENTIFIER'])), 'SensitiveData:S3Object/CustomIdentifier')
    assert.equal(findingType(new Set(['CREDENTIALS', 'CUSTOM_IDENTIFIER'])), 'SensitiveData:S3Object/Multiple')
    assert.equal(findingType(new Set()), undefined)
  })
})
