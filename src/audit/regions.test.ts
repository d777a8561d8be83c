import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { auditRegions, MACIE_REGIONS } from './regions.js'

describe('auditRegions', () => {
  it('is every Macie region by default', () => {
    assert.deepEqual(auditRegions(), [...MACIE_REGIONS])
    assert.ok(MACIE_REGIONS.includes('us-east-1') && MACIE_REGIONS.includes('eu-west-1'))
  })
  it('takes a comma-separated list, trimmed and without repeats', () => {
    assert.deepEqual(auditRegions(' us-east-1,eu-west-1 ,us-east-1'), ['us-east-1', 'eu-west-1'])
    assert.deepEqual(auditRegions('us-gov-west-1'), ['us-gov-west-1'])
  })
  it('refuses an empty list and names that are not regions', () => {
    assert.throws(() => auditRegions(','), /names no region/)
    assert.throws(() => auditRegions('us-east-1,Mars'), /not a region name: Mars/)
  })
})
