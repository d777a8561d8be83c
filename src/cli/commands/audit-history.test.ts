import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { UsageError } from '../usage-error.js'
import { sinceOf } from './audit-history.js'

describe('sinceOf', () => {
  const now = new Date('2026-03-10T12:00:00Z')
  it('reads dates, times and durations back from now', () => {
    assert.equal(sinceOf('2026-01-31', now), '2026-01-31T00:00:00.000Z')
    assert.equal(sinceOf('2026-01-31T06:30:00Z', now), '2026-01-31T06:30:00.000Z')
    assert.equal(sinceOf('7d', now), '2026-03-03T12:00:00.000Z')
    assert.equal(sinceOf('12h', now), '2026-03-10T00:00:00.000Z')
  })
  it('refuses what is neither', () => {
    for (const bad of ['yesterday', '2026-13-45', '7 days', '1700000000']) assert.throws(() => sinceOf(bad, now), UsageError, bad)
  })
})
