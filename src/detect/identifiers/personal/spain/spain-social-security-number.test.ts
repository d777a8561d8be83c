import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { spainSocialSecurityNumber } from './spain-social-security-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['número de la seguridad social 28/73016452/30', ['28/73016452/30']],
  ['SSN 08 48213907 26', ['08 48213907 26']],
  ['ssn: 460591238444', ['460591238444']], // number below 10,000,000
  ['ssn 66-10293847-24', ['66-10293847-24']],
  ['ssn 28/73016452/31', []], // wrong check digits
  ['ssn 54/73016452/02', []], // province 54 does not exist
  ['ssn 00/73016452/90', []], // province 00
  ['ssn 28/00000000/91', []], // number 0
  ['ssn 28/73016452 30', []], // mixed separators
  ['ssn 28/12345678/40', []], // example value
  ['expediente 28/73016452/30', []], // no keyword
  ['ssn del trabajador según el contrato laboral: 28/73016452/30', []], // keyword too far
  ['lessn 28/73016452/30', []], // keyword only inside another word
]

describe(spainSocialSecurityNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(spainSocialSecurityNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named ssn as the keyword', () => {
    assert.deepEqual(detectIn(spainSocialSecurityNumber, '287301645230', { labels: ['empleado_ssn'] }).map((d) => d.match), ['287301645230'])
  })
})
