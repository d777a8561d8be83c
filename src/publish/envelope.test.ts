import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findingEnvelope } from './envelope.js'

const SCOPE = { accountId: '111122223333', region: 'eu-west-1' }

describe('findingEnvelope', () => {
  it("is Macie's EventBridge event with the finding as its detail", () => {
    const finding = { id: 'f1', type: 'SensitiveData:S3Object/Personal' }
    const event = findingEnvelope(finding, SCOPE, { id: 'e1', time: new Date('2026-03-01T10:20:30.456Z') })
    assert.deepEqual(event, {
      version: '0',
      id: 'e1',
      'detail-type': 'Macie Finding',
      source: 'aws.macie',
      account: '111122223333',
      time: '2026-03-01T10:20:30Z',
      region: 'eu-west-1',
      resources: [],
      detail: finding,
    })
  })

  it('gets a fresh UUID per event unless one is given', () => {
    const a = findingEnvelope({}, SCOPE, { time: new Date() })
    const b = findingEnvelope({}, SCOPE, { time: new Date() })
    assert.match(a.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    assert.notEqual(a.id, b.id)
  })
})
