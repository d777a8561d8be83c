import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { usaNationalProviderIdentifier } from './usa-national-provider-identifier.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['NPI: 1492760537', ['1492760537']],
  ['national provider 2740183654', ['2740183654']],
  ['N.P.I. 1903827461 on file', ['1903827461']],
  ['NPI: 1492760538', []], // fails the check digit
  ['NPI: 3492760537', []], // must start with 1 or 2
  ['NPI: 1234567893', []], // the CMS documentation example
  ['NPI: 14927605371', []], // eleven digits
  ['ref 1492760537 attached', []], // no keyword
  ['npi was mentioned here but the number is much further along: 1492760537', []], // keyword too far
  ['snpi 1492760537', []], // keyword only inside another word
]

describe(usaNationalProviderIdentifier.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(usaNationalProviderIdentifier, text).map((d) => d.match), expected))
  }
  it('counts a column named npi as the keyword', () => {
    assert.deepEqual(detectIn(usaNationalProviderIdentifier, '1492760537', { labels: ['provider_npi'] }).map((d) => d.match), ['1492760537'])
  })
})
